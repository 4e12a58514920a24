import { z } from 'zod';
import { EXPORT_TABLES, type ExportTable } from '../../shared/exports';
import { EXPORT_TABLE_SPECS, type ColumnKind } from './export-tables';

/**
 * The documented, versioned schema of data.json. A minor version adds optional things; a major
 * one may change or remove them. The package carries it as schema.json (JSON Schema), and the
 * tests read every written data.json back through it.
 */
export const PORTABILITY_FORMAT = 'reflect-portability-data';
export const PORTABILITY_SCHEMA_VERSION = '1.0';

const cell: Record<ColumnKind, z.ZodType> = {
  integer: z.number().int(),
  text: z.string(),
  timestamp: z.string(),
  boolean: z.boolean(),
  json: z.json(),
};

const rowSchemas = Object.fromEntries(
  EXPORT_TABLE_SPECS.map((spec) => [
    spec.table,
    z
      .object(
        Object.fromEntries(
          spec.columns.map((c) => [c.name, cell[c.kind].nullable().describe(c.description)]),
        ),
      )
      .strict()
      .describe(spec.description),
  ]),
) as Record<ExportTable, z.ZodObject>;

export const redactionEntrySchema = z
  .object({
    table: z.enum(EXPORT_TABLES),
    column: z.string().nullable(),
    rowId: z.string().nullable(),
    reason: z.string(),
    rowsHidden: z.number().int(),
    cellsHidden: z.number().int(),
  })
  .strict();

export const portabilityDataSchema = z
  .object({
    format: z.literal(PORTABILITY_FORMAT),
    schemaVersion: z.string().regex(/^1\.\d+$/),
    generatedAt: z.iso.datetime(),
    controller: z.string(),
    request: z
      .object({
        caseId: z.string(),
        reference: z.string().nullable(),
        jurisdiction: z.string(),
        requestType: z.string(),
      })
      .strict(),
    customerIds: z.array(z.number().int()),
    redactions: z
      .array(redactionEntrySchema)
      .describe('What was withheld and why; withheld cells are null, withheld rows absent.'),
    tables: z
      .object(
        Object.fromEntries(EXPORT_TABLES.map((t) => [t, z.array(rowSchemas[t])])) as Record<
          ExportTable,
          z.ZodArray<z.ZodObject>
        >,
      )
      .strict(),
  })
  .strict();
export type PortabilityData = z.output<typeof portabilityDataSchema>;

/** The JSON Schema written into each package as schema.json. */
export function portabilityJsonSchema(): string {
  return JSON.stringify(
    {
      ...z.toJSONSchema(portabilityDataSchema),
      title: `Reflect portability data, version ${PORTABILITY_SCHEMA_VERSION}`,
    },
    null,
    2,
  );
}
