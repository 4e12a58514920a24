import { z } from 'zod';
import { parsePhone } from '../search/phone-numbers';

const emailShape = z.email();

/** The shape intake accepts (zod's email check, after trimming); the only email check there is. */
export function isValidEmail(text: string): boolean {
  return emailShape.safeParse(text.trim()).success;
}

/**
 * A number of a length its country's numbers can have, read in `region` when it has no country
 * code: the rule intake applies (toPossibleE164), so a number intake takes is never "invalid" here.
 */
export function isValidPhone(text: string, region: string | null): boolean {
  return parsePhone(text, region)?.isPossible() === true;
}
