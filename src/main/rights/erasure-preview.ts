import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { ErasurePreview } from '../../shared/rights';

const applied = z
  .object({
    rows: z.number(),
    retainUntilFirst: z.string().nullable().optional(),
    retainUntilLast: z.string().nullable().optional(),
  })
  .loose()
  .nullable()
  .optional();

const table = z
  .object({
    table: z.string(),
    strategy: z.enum(['delete', 'anonymise', 'retain']).nullable(),
    rows: z.number(),
    columns: z.record(z.string(), z.string()).optional(),
    detach: z.array(z.string()).optional(),
    legalBasis: z.string().nullable().optional(),
    retainYears: z.number().nullable().optional(),
    retainFrom: z.string().nullable().optional(),
    thenStrategy: z.enum(['delete', 'anonymise']).nullable().optional(),
    applied,
    samples: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .loose();

const preview = z
  .object({
    caseId: z.string(),
    subjects: z.array(z.number()),
    missing: z.array(z.number()),
    complete: z.boolean(),
    problems: z.array(z.string()),
    tables: z.array(table),
    hash: z.string(),
  })
  .loose();

/** Central's answer, checked and given one shape: an older or newer central may differ. */
export function toErasurePreview(raw: unknown): ErasurePreview {
  const parsed = preview.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'INTERNAL',
      `Central's erasure plan has an unexpected shape (${parsed.error.issues[0]?.path.join('.') ?? '?'}); is central up to date? An administrator runs: reflect central install`,
    );
  }
  const p = parsed.data;
  return {
    caseId: p.caseId,
    subjects: p.subjects,
    missing: p.missing,
    complete: p.complete,
    problems: p.problems,
    hash: p.hash,
    tables: p.tables.map((t) => ({
      table: t.table,
      strategy: t.strategy,
      rows: t.rows,
      columns: t.columns ?? {},
      detach: t.detach ?? [],
      legalBasis: t.legalBasis ?? null,
      retainYears: t.retainYears ?? null,
      retainFrom: t.retainFrom ?? null,
      thenStrategy: t.thenStrategy ?? null,
      applied: t.applied
        ? {
            rows: t.applied.rows,
            retainUntilFirst: t.applied.retainUntilFirst ?? null,
            retainUntilLast: t.applied.retainUntilLast ?? null,
          }
        : null,
      samples: t.samples ?? [],
    })),
  };
}
