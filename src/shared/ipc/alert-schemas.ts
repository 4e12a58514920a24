import { z } from 'zod';
import { ALERT_RULE_KINDS } from '../alerts';
import { totpCode } from './rights-schemas';

const hhmm = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'a time as HH:MM');

export const alertAcknowledgeInput = z
  .object({
    alertId: z.string().regex(/^[0-9]{1,18}$/),
    note: z
      .string()
      .max(1000, 'The note is longer than 1000 characters.')
      .refine((t) => t.trim().length > 0, 'Say in a note what you found.'),
  })
  .strict();

export const alertRuleInput = z
  .object({
    kind: z.enum(ALERT_RULE_KINDS),
    enabled: z.boolean(),
    threshold: z.number().int().min(0).max(1_000_000),
    windowMinutes: z.number().int().min(5).max(1440),
    workStart: hhmm,
    workEnd: hhmm,
    workDays: z.array(z.number().int().min(1).max(7)).max(7),
    timeZone: z.string().min(1).max(64),
    /** A fresh two-step code, when central asks for one before an administrator's change. */
    totp: totpCode.optional(),
  })
  .strict()
  .refine((r) => r.workStart < r.workEnd, {
    message: 'Working hours end after they start.',
    path: ['workEnd'],
  });
