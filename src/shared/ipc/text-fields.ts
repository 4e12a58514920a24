import { z } from 'zod';

/** One line of free text an officer types: trimmed, bounded, no control characters. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed.');

/** Several lines of free text: line breaks and tabs allowed, other control characters not. */
export const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^(?:[^\p{Cc}]|[\n\t])*$/u, 'Control characters are not allowed.');

export const reason = line(2000).min(1, 'Give a reason.');

export const caseIdSchema = z.uuid();

/** Long enough to resist guessing when scrypt makes each guess slow; bounded to refuse abuse. */
export const passphraseSchema = z
  .string()
  .min(12, 'Use a passphrase of at least 12 characters.')
  .max(1024, 'A passphrase may be at most 1024 characters.');

export const customerIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
