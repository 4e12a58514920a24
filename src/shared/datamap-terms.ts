/** The data map's words, without its schema: what the window may import. */

/** What a column says about a person; `not_personal` and `technical` hold nothing of them. */
export const DATA_CATEGORIES = [
  'identity',
  'contact',
  'address',
  'demographic',
  'financial',
  'behavioural',
  'preferences',
  'free_text',
  'technical',
  'not_personal',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** The parts of a person's identity the desk searches, matches and shows, by role. */
export const IDENTITY_ROLES = [
  'full_name',
  'given_name',
  'family_name',
  'email',
  'phone',
  'birth_date',
  'customer_number',
  'national_id',
  'street',
  'house_number',
  'postcode',
  'locality',
  'region',
  'country',
] as const;
export type IdentityRole = (typeof IDENTITY_ROLES)[number];
