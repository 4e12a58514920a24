import { z } from 'zod';
import type { Requester } from '../../shared/cases';
import { AppError } from '../../shared/errors';
import { toPossibleE164 } from '../search/phone-numbers';
import { foldText } from '../search/text-folding';

const email = z.email();

/**
 * The requester's identities as stored: emails checked and lower-cased, phones in E.164 (a number
 * without a country code is read in `defaultCountry`; one of a possible length is taken, see
 * `toPossibleE164`), names with their spacing tidied. A value
 * that is not what it claims to be is refused with a message naming it, rather than stored and
 * never matched.
 */
export function normaliseRequester(
  requester: Requester,
  defaultCountry: string | null = null,
): Requester {
  const emails = requester.emails.map((value) => {
    const parsed = email.safeParse(value.trim());
    if (!parsed.success)
      throw new AppError('INVALID_INPUT', `"${value}" is not a valid email address.`);
    return parsed.data.toLowerCase();
  });
  const phones = requester.phones.map((value) => {
    const e164 = toPossibleE164(value, defaultCountry);
    if (!e164) {
      throw new AppError(
        'INVALID_INPUT',
        `"${value}" is not a valid phone number; include the country code, e.g. +44 20 7946 0958.`,
      );
    }
    return e164;
  });
  const names = requester.names.map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return {
    names: unique(names),
    emails: unique(emails),
    phones: unique(phones),
    ...(requester.language ? { language: requester.language } : {}),
  };
}

/** Keys two requesters share when they are likely the same person. */
export function identityKeys(requester: Requester): Map<string, string> {
  const keys = new Map<string, string>();
  for (const e of requester.emails) {
    const email = e.trim().toLowerCase();
    keys.set(`email:${email}`, `email ${email}`);
  }
  for (const p of requester.phones) keys.set(`phone:${toPossibleE164(p, null) ?? p}`, `phone ${p}`);
  for (const n of requester.names) {
    const folded = foldText(n).split(/\s+/).filter(Boolean).sort().join(' ');
    // A single word ("Smith") is too weak to call two requests the same.
    if (folded.includes(' ')) keys.set(`name:${folded}`, `name ${n}`);
  }
  return keys;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
