import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { readCatalog } from '../datamap/catalog';
import { diffMapWithCatalog, type DriftFinding } from '../datamap/catalog-drift';
import type { DataMap } from '../../shared/datamap';
import {
  describeProblems,
  MAX_MAP_FILE_BYTES,
  parseDataMap,
  writeDataMap,
} from '../datamap/datamap-file';
import { setChangeCapture } from '../datamap/change-capture';
import { currentDataMap, saveDataMap, type SavedMap } from '../datamap/datamap-store';
import { discover, type Discovery } from '../datamap/discover';
import { checkDestination, writeAtomically } from '../export/safe-file';
import { type CentralCommandContext, reportingAppErrors } from './central-command';

export const DATAMAP_COMMANDS = new Set([
  'central discover',
  'central map check',
  'central map save',
  'central map show',
  'central map diff',
  'central map capture',
  'central map uncapture',
]);

export const DATAMAP_USAGE = `  central discover --url URL [--schema S]... [--sample N] [--out FILE] [--force]
                                                read the catalog of a company's database and a
                                                bounded sample of each table (counted by shape,
                                                never kept), and propose a data map (YAML)
  central map check --file FILE [--url URL]     check a data map file (every problem with its
                                                line); with --url, against the database too
  central map save --url URL --file FILE [--base N] [--note TEXT]
                                                save the file as the next version; --base is the
                                                version it was made from
  central map show --url URL [--out FILE] [--force]
                                                the data map in force, as YAML
  central map diff --url URL                    where the data map and the database differ
  central map capture --url URL                 log the keys of every change to the mapped tables
                                                (three triggers on each; refused while the map and
                                                the database differ)
  central map uncapture --url URL               remove every capture trigger again

`;

export interface DataMapOptions {
  url?: string;
  schema: string[];
  sample?: string;
  out?: string;
  file?: string;
  base?: string;
  note?: string;
  force: boolean;
  json: boolean;
}

export type DataMapContext = CentralCommandContext;

/** `reflect central discover` and `reflect central map ...`, run by an administrator. */
export async function runDataMapCommand(
  command: string,
  values: DataMapOptions,
  ctx: DataMapContext,
): Promise<number> {
  return reportingAppErrors(ctx, () => runCommand(command, values, ctx));
}

async function runCommand(
  command: string,
  values: DataMapOptions,
  ctx: DataMapContext,
): Promise<number> {
  switch (command) {
    case 'central discover': {
      const rowsPerTable = values.sample === undefined ? 200 : Number(values.sample);
      if (!Number.isSafeInteger(rowsPerTable) || rowsPerTable < 0 || rowsPerTable > 10_000) {
        ctx.fail('INVALID_INPUT', '--sample is a whole number of rows from 0 to 10000.');
      }
      const found = await ctx.withCentral(ctx.url(), (client) =>
        discover(client, {
          ...(values.schema.length > 0 ? { schemas: values.schema } : {}),
          sample: { rowsPerTable, statementMs: 10_000 },
          onProgress: (step, done, total) => {
            if (step === 'sample' && process.stderr.isTTY) {
              process.stderr.write(`\rSampling tables: ${done} of ${total}`);
              if (done === total) process.stderr.write('\n');
            }
          },
        }),
      );
      const yaml = writeDataMap(found.map, discoveryHeader(found));
      const written =
        values.out === undefined
          ? null
          : await writeMapFile(values.out ?? '', yaml, { force: values.force });
      if (values.json) ctx.print(found, '');
      else if (written) ctx.print(found, describeDiscovery(found, written));
      else process.stdout.write(yaml);
      return 0;
    }
    case 'central map check': {
      if (values.file === undefined) ctx.fail('INVALID_INPUT', '--file is required.');
      const map = await readMapFile(values.file ?? '');
      if (values.url === undefined) {
        ctx.print({ ok: true }, `${values.file}: a valid data map of ${map.tables.length} tables.`);
        return 0;
      }
      const findings = await ctx.withCentral(values.url, async (client) =>
        diffMapWithCatalog(map, await readCatalog(client, { schemas: schemasOf(map) })),
      );
      ctx.print(findings, describeDrift(findings, 0).replace('Data map version 0', values.file));
      return findings.some((f) => f.severity === 'blocking') ? 3 : 0;
    }
    case 'central map save': {
      if (values.file === undefined) ctx.fail('INVALID_INPUT', '--file is required.');
      const base = values.base === undefined ? null : Number(values.base);
      if (base !== null && (!Number.isSafeInteger(base) || base < 1)) {
        ctx.fail('INVALID_INPUT', '--base is the version number the file was made from.');
      }
      const version = await ctx.withCentral(ctx.url(), (client) =>
        saveMapFile(client, values.file ?? '', {
          base,
          ...(values.note === undefined ? {} : { note: values.note }),
        }),
      );
      ctx.print({ version }, `Saved as data map version ${version}.`);
      return 0;
    }
    case 'central map show': {
      const saved = await ctx.withCentral(ctx.url(), currentDataMap);
      if (!saved) {
        ctx.fail(
          'NOT_FOUND',
          'No data map has been saved on central yet. Propose one with: reflect central discover --url URL --out FILE',
        );
      }
      const yaml = writeDataMap(saved.map, savedHeader(saved));
      if (values.out !== undefined) {
        const written = await writeMapFile(values.out ?? '', yaml, { force: values.force });
        ctx.print(saved, `Data map version ${saved.version} written to ${written}.`);
      } else if (values.json) ctx.print(saved, '');
      else process.stdout.write(yaml);
      return 0;
    }
    case 'central map diff': {
      const drift = await ctx.withCentral(ctx.url(), driftOfCurrentMap);
      if (!drift) {
        ctx.fail('NOT_FOUND', 'No data map has been saved on central yet.');
      }
      ctx.print(drift, describeDrift(drift.findings, drift.version));
      return drift.findings.some((f) => f.severity === 'blocking') ? 3 : 0;
    }
    case 'central map capture':
    case 'central map uncapture': {
      const result = await ctx.withCentral(ctx.url(), async (client) => {
        if (command === 'central map uncapture') return setChangeCapture(client, { on: false });
        const saved = await currentDataMap(client);
        if (!saved) ctx.fail('NOT_FOUND', 'No data map has been saved on central yet.');
        return setChangeCapture(client, { on: true, version: saved.version });
      });
      ctx.print(
        result,
        command === 'central map capture'
          ? `Changes to ${result.tables} mapped table(s) are now logged.`
          : `Capture removed from ${result.tables} table(s); the company's tables are as they were.`,
      );
      return 0;
    }
    default:
      return ctx.fail('INVALID_INPUT', `Unknown command: ${command}`);
  }
}

/** The schemas a map's tables live in: the catalog to compare it with. */
export function schemasOf(map: DataMap): string[] {
  return [...new Set(map.tables.map((t) => t.table.split('.')[0] ?? ''))];
}

/** Reads a data map file an administrator wrote, with every problem named at its line. */
export async function readMapFile(path: string): Promise<DataMap> {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) {
    throw new AppError('INVALID_INPUT', `There is no file ${full}.`);
  }
  if (statSync(full).size > MAX_MAP_FILE_BYTES) {
    throw new AppError('INVALID_INPUT', `${full} is larger than 4 MB: it is not a data map.`);
  }
  const read = parseDataMap(await readFile(full, 'utf8'));
  if (!read.ok) {
    throw new AppError(
      'INVALID_INPUT',
      `The data map has ${read.problems.length} problem(s):\n${describeProblems(read.problems, path)}`,
    );
  }
  return read.map;
}

/** Writes a map for review: owner-only, never over a file unless asked. */
export async function writeMapFile(
  path: string,
  text: string,
  options: { force: boolean },
): Promise<string> {
  const full = resolve(path);
  checkDestination(full, { overwrite: options.force });
  await writeAtomically(full, (temporary) => writeFile(temporary, text, 'utf8'));
  return full;
}

export function discoveryHeader(found: Discovery): string {
  const low = found.map.tables.reduce(
    (n, t) => n + Object.values(t.columns).filter((c) => (c.confidence ?? 1) < 0.7).length,
    0,
  );
  return [
    `Data map proposed by discovery of database ${found.database}.`,
    `Review it before saving: ${low} column(s) have a confidence below 0.7, and ${found.map.questions.length} question(s) wait for an answer.`,
    'Save it with: reflect central map save --url URL --file THIS_FILE',
  ].join('\n');
}

export function savedHeader(saved: SavedMap): string {
  return [
    `Data map version ${saved.version}, saved by ${saved.savedBy} at ${saved.savedAt}.`,
    `Save a changed copy with: reflect central map save --url URL --file THIS_FILE --base ${saved.version}`,
  ].join('\n');
}

/** What discovery found, as an administrator reads it on the terminal. */
export function describeDiscovery(found: Discovery, written: string | null): string {
  const placeText: Record<string, string> = {
    subject: 'the person',
    'belongs-to': 'belongs to the person',
    lookup: 'looked up for an address or identity',
    question: 'QUESTION',
    'not-personal': 'not personal',
  };
  const rows = found.tables.map(
    (t) =>
      `  ${t.table.padEnd(32)} ${placeText[t.place] ?? t.place}${t.depth && t.depth > 1 ? ` (${t.depth} steps)` : ''}${t.rows === null ? '' : `, about ${t.rows.toLocaleString('en')} rows`}${t.note ? `: ${t.note}` : ''}`,
  );
  const identity = Object.entries(found.map.subject.identity).map(
    ([role, at]) => `  ${role.replace('_', ' ').padEnd(16)} ${at.table}.${at.column}`,
  );
  return [
    `Database ${found.database}: ${found.tables.length} tables read in ${found.durationMs} ms; ${found.sampled.rows} rows sampled from ${found.sampled.tables} tables (values counted by shape, none kept).`,
    found.audited
      ? 'The sample is recorded in the central audit log.'
      : 'Reflect is not installed in this database, so the sample is not in an audit log.',
    '',
    `The person: ${found.map.subject.table}`,
    ...identity,
    '',
    'Tables:',
    ...rows,
    ...(found.map.questions.length > 0
      ? ['', 'Questions:', ...found.map.questions.map((q) => `  - ${q.text}`)]
      : []),
    '',
    written ? `The proposed map is in ${written}.` : '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}

export function describeDrift(findings: DriftFinding[], version: number): string {
  if (findings.length === 0) return `Data map version ${version} matches the database.`;
  return [
    `Data map version ${version} and the database differ:`,
    ...findings.map((f) => `  ${f.severity === 'blocking' ? 'BLOCKING' : 'notice  '} ${f.text}`),
  ].join('\n');
}

/** The drift of central's current map, or null when no map was saved. */
export async function driftOfCurrentMap(
  client: pg.ClientBase,
): Promise<{ version: number; findings: DriftFinding[] } | null> {
  const saved = await currentDataMap(client);
  if (!saved) return null;
  const catalog = await readCatalog(client, { schemas: schemasOf(saved.map) });
  return { version: saved.version, findings: diffMapWithCatalog(saved.map, catalog) };
}

/** Saves a file as the next version, refusing when central moved on from the version it was made from. */
export async function saveMapFile(
  client: pg.ClientBase,
  path: string,
  options: { base: number | null; note?: string },
): Promise<number> {
  const map = await readMapFile(path);
  const current = await currentDataMap(client);
  if (current && options.base === null) {
    throw new AppError(
      'INVALID_INPUT',
      `Central already has data map version ${current.version} (saved by ${current.savedBy}). Say which version your file was made from with --base N; "reflect central map show" writes it in the file's header.`,
    );
  }
  return saveDataMap(client, map, {
    baseVersion: options.base,
    ...(options.note === undefined ? {} : { note: options.note }),
  });
}
