import type { TableLink } from '../../../../shared/datamap';
import type { DataCategory, IdentityRole } from '../../../../shared/datamap-terms';

export const CATEGORY_WORDS: Record<DataCategory, string> = {
  identity: 'Identity',
  contact: 'Contact details',
  address: 'Postal address',
  demographic: 'Demographic',
  financial: 'Financial',
  behavioural: 'Activity',
  preferences: 'Preferences and consent',
  free_text: 'Free text',
  technical: 'Technical (nothing about the person)',
  not_personal: 'Not personal',
};

export const ROLE_WORDS: Record<IdentityRole, string> = {
  full_name: 'Full name',
  given_name: 'Given name',
  family_name: 'Family name',
  email: 'Email',
  phone: 'Phone',
  birth_date: 'Date of birth',
  customer_number: 'Customer number',
  national_id: 'National ID',
  street: 'Street',
  house_number: 'House number',
  postcode: 'Postcode',
  locality: 'Town or city',
  region: 'Region',
  country: 'Country',
};

/** How a table's rows reach the person, in words. */
export function linkWords(link: TableLink | undefined): string {
  if (!link) return 'The person';
  const columns = link.on.map(([mine]) => mine).join(', ');
  return link.kind === 'belongs-to'
    ? `Belongs to ${link.to} (by ${columns})`
    : `Looked up from ${link.to} (by ${columns})`;
}
