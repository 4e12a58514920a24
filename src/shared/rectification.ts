import {
  ADDRESS_FIELDS,
  RECTIFIABLE_FIELDS,
  type AddressField,
  type RectifiableField,
} from './rights';

/** A correction as the officer asks for it: field -> new value (null or '' clears it). */
export interface RectificationRequest {
  evidence: string;
  changes: Partial<Record<RectifiableField, string | null>>;
  addresses: { addressId: number; changes: Partial<Record<AddressField, string | null>> }[];
}

/** Address fields an address always keeps, with the words central uses for each. */
const KEPT_ADDRESS_FIELDS: Partial<Record<AddressField, string>> = {
  line1: 'first line',
  city: 'city',
  country: 'country',
};

/**
 * Why central would refuse this correction, in central's words (op_case_rectify and its guard
 * in central migration 17), or null. `ownAddressIds` are the subject's addresses on this desk.
 */
export function rectificationProblem(
  request: RectificationRequest,
  ownAddressIds: readonly number[],
): string | null {
  const { changes, addresses } = request;
  if (request.evidence.trim() === '') return "a correction names the requester's evidence";
  const addressChanges = addresses.filter((a) => Object.keys(a.changes).length > 0);
  if (Object.keys(changes).length === 0 && addressChanges.length === 0) {
    return 'a correction changes at least one field';
  }
  for (const field of Object.keys(changes)) {
    if (!(RECTIFIABLE_FIELDS as readonly string[]).includes(field)) {
      return `a correction changes identity fields, not ${field}`;
    }
  }
  if ('name' in changes && (changes.name ?? '').trim() === '') return 'the name cannot be emptied';
  const email = changes.email ?? '';
  if (email !== '' && !/^[^@\s]+@[^@\s]+$/.test(email)) return 'the email address is not one';
  const birth = changes.date_of_birth ?? '';
  if (birth !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(birth)) {
    return 'the date of birth is written YYYY-MM-DD';
  }
  for (const address of addressChanges) {
    if (!ownAddressIds.includes(address.addressId)) {
      return `address ${address.addressId} is not one of this customer's`;
    }
    for (const [field, value] of Object.entries(address.changes)) {
      if (!(ADDRESS_FIELDS as readonly string[]).includes(field)) {
        return `an address correction changes its lines, city, region, postcode or country, not ${field}`;
      }
      const kept = KEPT_ADDRESS_FIELDS[field as AddressField];
      if (kept && (value ?? '').trim() === '') return `an address keeps its ${kept}`;
    }
  }
  return null;
}
