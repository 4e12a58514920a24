import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_TABLES, STATEMENT_CATEGORIES } from '../exports';
import { caseIdSchema, paragraph, passphraseSchema, reason } from './text-fields';
import { REQUESTER_LANGUAGES, type RequesterLanguage } from '../requester-languages';

export const redactionSchema = z
  .object({
    table: z.enum(EXPORT_TABLES),
    column: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'Name a column of the table.')
      .nullable()
      .default(null),
    rowId: z
      .string()
      .regex(/^[0-9A-Za-z-]{1,64}$/, 'Name a row by its id.')
      .nullable()
      .default(null),
    reason,
  })
  .strict()
  .refine((r) => r.column !== null || r.rowId !== null, {
    message: 'A redaction hides a row, a column, or one cell: name at least one.',
  });

export const exportRequestSchema = z
  .object({
    caseId: caseIdSchema,
    formats: z
      .array(z.enum(EXPORT_FORMATS))
      .min(1, 'Choose at least one format.')
      .refine((f) => new Set(f).size === f.length, 'Each format once.'),
    container: z.enum(['folder', 'zip']),
    /** Encrypts the .zip with AES-256; never stored, never logged. */
    password: passphraseSchema.nullable().default(null),
    redactions: z.array(redactionSchema).max(5000).default([]),
  })
  .strict()
  .refine((r) => r.password === null || r.container === 'zip', {
    message: 'Only a .zip archive can be protected with a password.',
    path: ['password'],
  });
export type ExportRequest = z.output<typeof exportRequestSchema>;

/** The package proposed for approval: what it withholds (and so holds). */
export const exportProposalSchema = z
  .object({ caseId: caseIdSchema, redactions: z.array(redactionSchema).max(5000).default([]) })
  .strict();

const statementCategorySchema = z
  .object({
    purposes: paragraph(2000).min(1, 'Say why this data is processed.'),
    legalBasis: paragraph(1000).min(1, 'Give the legal basis.'),
    recipients: paragraph(2000),
    retention: paragraph(1000).min(1, 'Say how long it is kept.'),
    source: paragraph(1000).min(1, 'Say where it comes from.'),
  })
  .strict();

/** What Article 15 asks a controller to tell the data subject beside the data itself. */
export const accessStatementSchema = z
  .object({
    controller: paragraph(1000).min(1, 'Name the controller and how to reach them.'),
    dpoContact: paragraph(500),
    supervisoryAuthority: paragraph(500).min(1, 'Name the supervisory authority.'),
    transfers: paragraph(2000),
    automatedDecisions: paragraph(2000),
    categories: z.object(
      Object.fromEntries(STATEMENT_CATEGORIES.map((c) => [c, statementCategorySchema])) as Record<
        (typeof STATEMENT_CATEGORIES)[number],
        typeof statementCategorySchema
      >,
    ),
  })
  .strict();
export type AccessStatement = z.output<typeof accessStatementSchema>;

export const exportRowsSchema = z
  .object({
    caseId: caseIdSchema,
    table: z.enum(EXPORT_TABLES),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const exportIdInput = z.object({ exportId: z.uuid() }).strict();

const requesterLanguage = z.enum(REQUESTER_LANGUAGES);

/** Which language's access statement to read or save; English when not given. */
export const statementLanguageInput = z
  .object({ language: requesterLanguage.default('en') })
  .strict();

export const statementSaveInput = accessStatementSchema.safeExtend({
  language: requesterLanguage.default('en'),
});

/** An organisation's own names for tables, columns and categories, per requester language. */
export type LabelOverrides = Partial<Record<RequesterLanguage, Record<string, string>>>;

export interface LabelEntry {
  /** table.orders, tableInfo.orders, column.orders.total_cents, category.orders */
  key: string;
  defaultLabel: string;
  /** The organisation's own label; null: the default is used. */
  label: string | null;
}

export const labelsInput = z.object({ language: requesterLanguage }).strict();

export const labelsSaveInput = z
  .object({
    language: requesterLanguage,
    labels: z.record(
      z.string().regex(/^(table|tableInfo|column|category)\.[a-z_]+(\.[a-z0-9_]+)?$/),
      z.string().max(300),
    ),
  })
  .strict();
