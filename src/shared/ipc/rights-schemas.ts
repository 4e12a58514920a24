import { z } from 'zod';
import { POLICY_STRATEGIES, THEN_STRATEGIES } from '../erasure-policies';
import { ADDRESS_FIELDS, RECTIFIABLE_FIELDS } from '../rights';
import { caseIdSchema, customerIdSchema, line, reason } from './text-fields';

/** The SHA-256 central gives an erasure plan, as hex. */
export const planHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'Not the hash of an erasure plan: open the preview again.');

export const erasureInput = z.object({ caseId: caseIdSchema, planHash: planHashSchema }).strict();

export const withdrawConsentsInput = z
  .object({
    caseId: caseIdSchema,
    purposes: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'Not a consent purpose.'))
      .min(1, 'Choose at least one purpose.')
      .max(20),
  })
  .strict();

export const restrictionInput = z
  .object({ caseId: caseIdSchema, customerId: customerIdSchema, reason })
  .strict();

const fieldValue = line(500).nullable();

export const rectifyInput = z
  .object({
    caseId: caseIdSchema,
    customerId: customerIdSchema,
    evidence: line(2000).min(1, "Name the requester's evidence."),
    changes: z.partialRecord(z.enum(RECTIFIABLE_FIELDS), fieldValue),
    addresses: z
      .array(
        z
          .object({
            addressId: customerIdSchema,
            changes: z.partialRecord(z.enum(ADDRESS_FIELDS), fieldValue),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

export const reappearanceDecisionInput = z
  .object({
    reappearanceId: z.uuid(),
    decision: z.enum(['keep', 'erase']),
    note: line(2000).min(1, 'Say why.'),
  })
  .strict();

const tableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*\.[A-Za-z_][A-Za-z0-9_$]*$/, 'Name the table as SCHEMA.TABLE.')
  .max(130);

const columnName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, 'Not a column name.');

/** A two-step code from an authenticator app, for an administrator's change. */
export const totpCode = z.string().regex(/^[0-9]{6}$/, { error: 'A two-step code is six digits.' });

export const erasurePolicyInput = z
  .object({
    table: tableName,
    strategy: z.enum(POLICY_STRATEGIES),
    columns: z
      .record(
        columnName,
        z.union([z.enum(['null', 'hash']), z.string().regex(/^fixed:[^\p{Cc}]{0,200}$/u)], {
          error: 'Each column is emptied (null), hashed, or set to a fixed text (fixed:TEXT).',
        }),
      )
      .refine((c) => Object.keys(c).length <= 100, 'At most 100 columns.'),
    legalBasis: line(500).nullable(),
    retainYears: z.number().int().nullable(),
    retainFrom: columnName.nullable(),
    thenStrategy: z.enum(THEN_STRATEGIES).nullable(),
    totp: totpCode.optional(),
  })
  .strict();

export const erasurePolicyTableInput = z
  .object({ table: tableName, totp: totpCode.optional() })
  .strict();
