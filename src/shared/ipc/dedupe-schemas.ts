import { z } from 'zod';
import { MAX_MERGE_RECORDS as MAX_GROUP, MERGE_FIELDS } from '../dedupe';
import { customerIdSchema, line } from './text-fields';

export const clusterFilterSchema = z
  .object({
    band: z.enum(['likely', 'possible', 'all']).default('all'),
    minSize: z.number().int().min(2).max(MAX_GROUP).default(2),
    text: line(200).default(''),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const dedupeCheckSchema = z.object({ kind: z.enum(['full', 'incremental']) }).strict();

export const customerGroupSchema = z
  .object({ customerIds: z.array(customerIdSchema).min(2).max(MAX_GROUP) })
  .strict()
  .refine((v) => new Set(v.customerIds).size === v.customerIds.length, {
    message: 'Each record may be named once.',
  });

export const mergeRequestSchema = z
  .object({
    survivorId: customerIdSchema,
    mergedIds: z
      .array(customerIdSchema)
      .min(1)
      .max(MAX_GROUP - 1),
    fields: z
      .object(
        Object.fromEntries(MERGE_FIELDS.map((f) => [f, customerIdSchema])) as Record<
          (typeof MERGE_FIELDS)[number],
          typeof customerIdSchema
        >,
      )
      .strict(),
    baseVersions: z.record(z.string().regex(/^\d+$/), z.number().int().min(1)),
  })
  .strict()
  .refine(
    (v) => !v.mergedIds.includes(v.survivorId) && new Set(v.mergedIds).size === v.mergedIds.length,
    {
      message: 'The survivor and the merged records must all be different.',
    },
  )
  .refine(
    (v) => [v.survivorId, ...v.mergedIds].every((id) => v.baseVersions[String(id)] !== undefined),
    { message: 'Name the version you compared of every record.' },
  );

export const mergeOpSchema = z.object({ opId: z.uuid() }).strict();

export const mergeListSchema = z
  .object({ customerId: customerIdSchema.nullable().default(null) })
  .strict();
