import { z } from 'zod';
import { RETENTION_CATEGORIES } from '../retention';
import { totpCode } from './rights-schemas';
import { caseIdSchema, customerIdSchema } from './text-fields';

const idSchema = z.string().regex(/^[0-9]{1,18}$/, 'a number');

export const retentionPolicyInput = z
  .object({
    category: z.enum(RETENTION_CATEGORIES).optional(),
    table: z
      .string()
      .max(127)
      .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, 'a table such as reflect.orders')
      .optional(),
    keepAmount: z.number().int().min(1, 'Keep rows for at least 1 day or year.').max(36500),
    keepUnit: z.enum(['days', 'years']),
    anchor: z.enum(['event', 'last_activity']),
    action: z.enum(['delete', 'anonymise']),
    eventColumn: z
      .string()
      .max(63)
      .regex(/^[a-z_][a-z0-9_]*$/, 'a column name such as placed_at')
      .optional(),
    totp: totpCode.optional(),
  })
  .strict()
  .refine((p) => (p.category === undefined) !== (p.table === undefined), {
    message: 'A policy is for one data category or one table.',
    path: ['table'],
  })
  .refine((p) => p.keepUnit === 'days' || p.keepAmount <= 100, {
    message: 'Rows are kept for 1 to 100 years.',
    path: ['keepAmount'],
  });

export const retentionPolicyIdInput = z
  .object({ policyId: idSchema, totp: totpCode.optional() })
  .strict();

export const retentionConfirmInput = z
  .object({ policyId: idSchema, confirmed: z.boolean(), totp: totpCode.optional() })
  .strict();

export const retentionScheduleInput = z
  .object({
    enabled: z.boolean(),
    everyDays: z.number().int().min(1).max(365),
    at: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time as HH:MM'),
    timeZone: z.string().min(1).max(64),
    totp: totpCode.optional(),
  })
  .strict();

/** A hold is on one person or one case. */
export const holdTargetInput = z
  .object({ customerId: customerIdSchema.optional(), caseId: caseIdSchema.optional() })
  .strict()
  .refine((t) => (t.customerId === undefined) !== (t.caseId === undefined), {
    message: 'Name the person or the case.',
  });

export const holdPlaceInput = z
  .object({
    customerId: customerIdSchema.optional(),
    caseId: caseIdSchema.optional(),
    reason: z
      .string()
      .max(500, 'The reason is longer than 500 characters.')
      .refine(
        (t) => t.trim().length > 0,
        'Say why the data must be kept (the matter or authority).',
      ),
  })
  .strict()
  .refine((t) => (t.customerId === undefined) !== (t.caseId === undefined), {
    message: 'Name the person or the case.',
  });

export const holdReleaseInput = z
  .object({
    holdId: idSchema,
    customerId: customerIdSchema.optional(),
    caseId: caseIdSchema.optional(),
  })
  .strict();
