import { z } from 'zod';
import { parsePhone } from '../search/phone-numbers';

const asciiEmail = z.email();
/**
 * An internationalised address (RFC 6531: "müller@bücher.de", "王@例子.中国"): a local part with
 * no space, quote or @, and a domain of dotted labels ending in one of at least two letters.
 */
const unicodeEmail = /^[^\s@".](?:[^\s@"]{0,62}[^\s@".])?@(?:[^\s@.]+\.)+[^\s@.\d]{2,}$/u;

/**
 * The shape intake accepts (zod's email check) for plain ASCII addresses; an address with
 * letters beyond ASCII is judged by the internationalised shape instead, since a record may
 * rightly hold one. Surrounding spaces are a typing slip, not a wrong address.
 */
export function isValidEmail(text: string): boolean {
  const trimmed = text.trim();
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(trimmed)) return asciiEmail.safeParse(trimmed).success;
  return unicodeEmail.test(trimmed);
}

/**
 * A number of a length its country's numbers can have, read in `region` when it has no country
 * code: the rule intake applies (toPossibleE164), so a number intake takes is never "invalid" here.
 */
export function isValidPhone(text: string, region: string | null): boolean {
  return parsePhone(text, region)?.isPossible() === true;
}
