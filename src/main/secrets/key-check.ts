import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A verifier stored beside the workspace: HMAC of a constant under the database key. It tells
 * "wrong key" apart from "damaged file" before SQLCipher is asked, and reveals nothing about the
 * key (finding it is as hard as brute-forcing the database itself).
 */
const LABEL = 'reflect-privacy-desk/key-check/v1';

export function computeKeyCheck(key: Buffer): string {
  return createHmac('sha256', key).update(LABEL).digest('hex');
}

export function keyMatchesCheck(key: Buffer, check: string): boolean {
  const expected = Buffer.from(computeKeyCheck(key), 'hex');
  const stored = Buffer.from(check, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
