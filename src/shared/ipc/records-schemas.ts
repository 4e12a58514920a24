import { z } from 'zod';
import { ACTIVITY_ID, processingActivitySchema } from '../records';
import { REQUESTER_LANGUAGES } from '../requester-languages';
import { totpCode } from './rights-schemas';

/** Saves one or more activities in one change (one two-step code when central asks for one). */
export const recordsSaveInput = z
  .object({
    activities: z.array(processingActivitySchema).min(1, 'Save at least one activity.').max(200),
    totp: totpCode.optional(),
  })
  .strict();

export const recordsRemoveInput = z
  .object({
    activityId: z.string().regex(ACTIVITY_ID, 'Not an activity id.'),
    /** The version the officer saw; central refuses when it changed since. */
    baseVersion: z.number().int().positive().nullable(),
    totp: totpCode.optional(),
  })
  .strict();

/** Where is asked with the system save dialog; the headings are in `language`. */
export const recordsExportInput = z
  .object({
    format: z.enum(['xlsx', 'pdf']),
    language: z.enum(REQUESTER_LANGUAGES).default('en'),
  })
  .strict();
