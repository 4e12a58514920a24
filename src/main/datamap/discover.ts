import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { applyOperation } from '../central/operations';
import { readCatalog } from './catalog';
import { proposeMap, type Proposal } from './propose-map';
import { DEFAULT_SAMPLE, sampleTables, type SampleOptions } from './value-sampler';

export interface Discovery extends Proposal {
  database: string;
  schemas: string[] | null;
  sampled: { tables: number; rows: number };
  /** Whether the sample was recorded in central's audit log (only once Reflect is installed there). */
  audited: boolean;
  durationMs: number;
}

export interface DiscoverOptions {
  schemas?: string[];
  sample?: SampleOptions;
  onProgress?: (step: 'catalog' | 'sample' | 'propose', done: number, total: number) => void;
}

/**
 * Reads the catalog and a bounded sample of every table, proposes a data map, and records in
 * central's audit log that values were sampled (how many, never which). Nothing is written to
 * the company's tables.
 */
export async function discover(
  client: pg.ClientBase,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const started = performance.now();
  const audit = await auditState(client);
  if (audit === 'not-allowed') {
    throw new AppError(
      'INVALID_INPUT',
      'Reflect is installed in this database, so a discovery is recorded in its audit log, and only an administrator (role reflect_admin) may run it. Connect as an administrator.',
    );
  }
  options.onProgress?.('catalog', 0, 1);
  const catalog = await readCatalog(client, options.schemas ? { schemas: options.schemas } : {});
  options.onProgress?.('catalog', 1, 1);
  const samples = await sampleTables(
    client,
    catalog.tables,
    options.sample ?? DEFAULT_SAMPLE,
    (done, total) => options.onProgress?.('sample', done, total),
  );
  options.onProgress?.('propose', 0, 1);
  const proposal = proposeMap(catalog, samples);
  const sampled = {
    tables: [...samples.values()].filter((s) => s.rows > 0).length,
    rows: [...samples.values()].reduce((n, s) => n + s.rows, 0),
  };
  const audited =
    audit === 'allowed' &&
    (await recordDiscovery(client, {
      schemas: options.schemas ?? null,
      tables: catalog.tables.length,
      sampled_tables: sampled.tables,
      sampled_rows: sampled.rows,
    }));
  options.onProgress?.('propose', 1, 1);
  return {
    ...proposal,
    database: catalog.database,
    schemas: options.schemas ?? null,
    sampled,
    audited,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Whether Reflect is installed here (so the discovery is audited), and whether this login may. */
async function auditState(client: pg.ClientBase): Promise<'none' | 'allowed' | 'not-allowed'> {
  const result = await client.query<{ installed: boolean; admin: boolean | null }>(
    `SELECT to_regclass('reflect.operation_kinds') IS NOT NULL AS installed,
            CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reflect_admin')
                 THEN pg_has_role(session_user, 'reflect_admin', 'MEMBER') END AS admin`,
  );
  const row = result.rows[0];
  if (!row?.installed) return 'none';
  return row.admin ? 'allowed' : 'not-allowed';
}

async function recordDiscovery(
  client: pg.ClientBase,
  payload: Record<string, unknown>,
): Promise<boolean> {
  const outcome = await applyOperation(client, {
    opId: randomUUID(),
    kind: 'datamap.discovered',
    payload,
  });
  return outcome.status === 'applied';
}
