import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

/**
 * Phone numbers are stored however the customer or an agent typed them ("020 7946 0958",
 * "+44 20 7946 0958", "0044 20 ..."). The country for a number without one comes from the
 * customer's address.
 */
export function parsePhone(text: string, defaultCountry?: string | null): PhoneNumber | null {
  const trimmed = text.trim();
  // "00" is the international prefix in most of the world; the library wants "+".
  const international = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const country = asCountry(defaultCountry);
  const parsed = country
    ? parsePhoneNumberFromString(international, country)
    : parsePhoneNumberFromString(international);
  return parsed ?? null;
}

/** E.164 ("+442079460958") when the number parses and is valid, else null. */
export function toE164(text: string, defaultCountry?: string | null): string | null {
  const parsed = parsePhone(text, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * E.164 when the number has a length its country's numbers can have, whether or not the
 * library's ranges list it as assigned: a requester's number is what they gave (Ofcom's
 * 07700 900xxx, a range opened after the library's data), and refusing it would lose it. The
 * library reads the trunk prefix written in brackets ("+44 (0)7700 900852") per country: dropped
 * where it is a trunk prefix, kept where it belongs to the number (Italy's "+39 06 ...").
 */
export function toPossibleE164(text: string, defaultCountry?: string | null): string | null {
  const parsed = parsePhone(text, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * The digit strings a number is indexed under: international (E.164 without "+"), national with
 * its trunk prefix (what a caller in the country dials), and the digits as stored. A fragment
 * typed in any of these formats is a substring of one of them.
 */
export function phoneSearchForms(stored: string, defaultCountry?: string | null): string[] {
  const forms = new Set<string>();
  const parsed = parsePhone(stored, defaultCountry);
  if (parsed) {
    forms.add(parsed.number.slice(1));
    forms.add(parsed.formatNational().replace(/\D+/g, ''));
  }
  forms.add(stored.replace(/\D+/g, ''));
  forms.delete('');
  return [...forms];
}

function asCountry(code: string | null | undefined): CountryCode | undefined {
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}
