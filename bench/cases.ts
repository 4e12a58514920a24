/**
 * bench/cases: what the Cases screen costs with a team's full history on one desk. N cases (mixed
 * laws, types and states, ten timeline entries each) in an encrypted replica; times the list
 * (deadlines computed for every case), a filtered list, the dashboard, one case's detail, and the
 * register written as XLSX and CSV.
 *
 *   npm run bench:cases -- --cases 50000
 *
 * Prints one JSON object. The cases are fixed by the seed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { caseDashboard } from '../src/main/cases/case-dashboard';
import { loadAllCases, saveCase, type CaseRecord } from '../src/main/cases/case-record';
import { writeRegisterCsv, writeRegisterXlsx } from '../src/main/cases/case-register';
import { allSummaries, caseDetail, listCases, toSummary } from '../src/main/cases/case-views';
import type { DeadlineRules } from '../src/main/cases/deadlines';
import { openReplica } from '../src/main/db/connection';
import { CASE_STATUSES, REQUEST_TYPES, type RequestType } from '../src/shared/cases';
import { caseFiltersSchema } from '../src/shared/ipc/contract';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261123' },
    runs: { type: 'string', default: '20' },
  },
});
const count = Number(values.cases);
const runs = Number(values.runs);
const NOW = new Date('2027-06-15T12:00:00Z');

function picker(start: number) {
  let state = start >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

function makeCase(i: number, pick: (n: number) => number): CaseRecord {
  const jurisdiction = pick(4) === 0 ? 'ccpa' : 'gdpr';
  const types = REQUEST_TYPES[jurisdiction] as readonly RequestType[];
  const received = new Date(NOW.getTime() - pick(400) * 86_400_000 - pick(86_400_000));
  const status = CASE_STATUSES[pick(CASE_STATUSES.length)] ?? 'received';
  const closed = status === 'fulfilled' || status === 'rejected' || status === 'withdrawn';
  const at = received.toISOString();
  return {
    caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    reference: `DSAR-2027-${String(i).padStart(5, '0')}`,
    jurisdiction,
    requestType: types[pick(types.length)] ?? 'access',
    channel: 'email',
    status,
    requester: { names: [`Requester ${i}`], emails: [`r${i}@example.org`], phones: [] },
    agent: null,
    receivedAt: at,
    timeZone: jurisdiction === 'ccpa' ? 'America/Los_Angeles' : 'Europe/Berlin',
    subjectIds: [1 + pick(1_000_000)],
    assignee: `officer${pick(8)}`,
    priority: 'normal',
    tags: [],
    verification: null,
    extension:
      pick(5) === 0
        ? { reason: 'volume', requesterInformedAt: at, extendedBy: 'officer1', extendedAt: at }
        : null,
    pauses: [],
    approval: null,
    acknowledgedAt: null,
    resolution: status === 'rejected' ? 'could not verify identity' : null,
    relatedCaseIds: [],
    closedAt: closed
      ? new Date(received.getTime() + (5 + pick(60)) * 86_400_000).toISOString()
      : null,
    createdBy: 'officer1',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function time(run: () => unknown): { p50: number; max: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: round(samples[Math.floor(samples.length / 2)] ?? 0),
    max: round(samples.at(-1) ?? 0),
  };
}

/** Holidays counted as an organisation in Bavaria would: the slowest calendar path. */
const RULES: DeadlineRules = {
  dueSoonDays: 7,
  calendars: {
    gdpr: { country: 'DE', state: 'BY', region: null },
    ccpa: { country: 'US', state: 'CA', region: null },
  },
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-cases-'));
  try {
    const replica = await openReplica(join(dir, 'replica.db'), randomBytes(32), { create: true });
    const db = replica.raw;
    const pick = picker(Number(values.seed));
    let started = performance.now();
    const insertEvent = db.prepare(
      `INSERT INTO case_events (event_id, case_id, occurred_at, actor, kind, details, version)
       VALUES (?, ?, ?, 'officer1', 'note', '{"text":"checked"}', 1)`,
    );
    db.transaction(() => {
      for (let i = 1; i <= count; i += 1) {
        const record = makeCase(i, pick);
        saveCase(db, record);
        for (let e = 0; e < 10; e += 1) {
          insertEvent.run(
            `${record.caseId.slice(0, 24)}${String(e).padStart(12, '0')}${i}`,
            record.caseId,
            record.receivedAt,
          );
        }
      }
    })();
    const loadMs = Math.round(performance.now() - started);

    const all = caseFiltersSchema.parse({});
    const filtered = caseFiltersSchema.parse({
      statuses: ['in_progress', 'received'],
      requestTypes: ['access', 'know'],
      dueWithinDays: 7,
    });
    const list = time(() => listCases(db, all, NOW, RULES));
    const listFiltered = time(() => listCases(db, filtered, NOW, RULES));
    const listText = time(() =>
      listCases(db, caseFiltersSchema.parse({ text: 'requester 42' }), NOW, RULES),
    );
    const dashboard = time(() => caseDashboard(allSummaries(db, NOW, RULES), NOW, 'UTC'));
    const sample = loadAllCases(db)[Math.floor(count / 2)];
    if (!sample) throw new Error('no cases');
    const detail = time(() => caseDetail(db, sample, { now: NOW, rules: RULES, officer: 'o' }));

    const register = loadAllCases(db).map((record) => ({
      record,
      summary: toSummary(record, NOW, RULES, false),
    }));
    started = performance.now();
    await writeRegisterXlsx(join(dir, 'register.xlsx'), register);
    const xlsxMs = Math.round(performance.now() - started);
    started = performance.now();
    await writeRegisterCsv(join(dir, 'register.csv'), register);
    const csvMs = Math.round(performance.now() - started);

    console.log(
      JSON.stringify(
        {
          cases: count,
          timelineEntries: count * 10,
          loadMs,
          listAllMs: list,
          listFilteredMs: listFiltered,
          listTextMs: listText,
          dashboardMs: dashboard,
          detailMs: detail,
          registerXlsx: { ms: xlsxMs, bytes: statSync(join(dir, 'register.xlsx')).size },
          registerCsv: { ms: csvMs, bytes: statSync(join(dir, 'register.csv')).size },
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        },
        null,
        2,
      ),
    );
    await replica.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
