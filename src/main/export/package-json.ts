import { EXPORT_TABLES } from '../../shared/exports';
import { PROGRESS_EVERY, type ExportContext } from './export-context';
import {
  PORTABILITY_FORMAT,
  PORTABILITY_SCHEMA_VERSION,
  portabilityJsonSchema,
} from './portability-schema';
import { openTextOutput } from './text-output';
import { join } from 'node:path';

/**
 * data.json, streamed: the header, then each table's rows one JSON line at a time, so a subject
 * with millions of events never sits in memory. Values are exactly as held (no spreadsheet
 * neutralising): this is the machine-readable copy.
 */
export async function writeDataJson(ctx: ExportContext): Promise<string[]> {
  const { collection } = ctx;
  const out = openTextOutput(join(ctx.dir, 'data.json'));
  const header = {
    format: PORTABILITY_FORMAT,
    schemaVersion: PORTABILITY_SCHEMA_VERSION,
    generatedAt: ctx.generatedAt,
    controller: ctx.organisation.name,
    request: {
      caseId: collection.record.caseId,
      reference: collection.record.reference,
      jurisdiction: collection.record.jurisdiction,
      requestType: collection.record.requestType,
    },
    customerIds: collection.customerIds,
    redactions: collection.redactionRecords,
  };
  const headerText = JSON.stringify(header, null, 2);
  await out.write(`${headerText.slice(0, -2)},\n  "tables": {`);
  for (const [t, table] of EXPORT_TABLES.entries()) {
    await out.write(`${t === 0 ? '' : ','}\n    ${JSON.stringify(table)}: [`);
    let n = 0;
    for (const row of collection.rows(table)) {
      await out.write(`${n === 0 ? '' : ','}\n      ${JSON.stringify(row)}`);
      if (++n % PROGRESS_EVERY === 0) ctx.advance('data.json', PROGRESS_EVERY);
    }
    ctx.advance('data.json', n % PROGRESS_EVERY);
    await out.write(n === 0 ? ']' : '\n    ]');
  }
  await out.write('\n  }\n}\n');
  await out.close();
  const schema = openTextOutput(join(ctx.dir, 'schema.json'));
  await schema.write(`${portabilityJsonSchema()}\n`);
  await schema.close();
  return ['data.json', 'schema.json'];
}
