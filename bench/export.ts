/**
 * bench/export: one subject with a long history (50,000 activity events by default, plus orders,
 * contacts, addresses, consents and a merged duplicate record) in an encrypted replica, exported
 * in each format on its own and then as one encrypted archive. Prints wall time, size and the
 * rise in resident memory for each, and the same for the full package at several history sizes,
 * to show that memory stays flat as events grow.
 *
 *   npm run bench:export -- --events 50000 --sizes 10000,50000,100000
 *
 * Prints one JSON object. The data is fixed by the seed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { saveCase } from '../src/main/cases/case-record';
import { openReplica } from '../src/main/db/connection';
import { defaultAccessStatement } from '../src/main/export/access-statement';
import { runExportJob } from '../src/main/export/export-runners';
import type { PackageSpec } from '../src/main/export/export-job';
import type { ExportContainer, ExportFormat } from '../src/shared/exports';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    sizes: { type: 'string', default: '10000,50000,100000' },
    seed: { type: 'string', default: '20261123' },
  },
});
const NOW = new Date('2027-02-10T09:00:00Z');
const CASE_ID = '00000000-0000-4000-8000-000000000001';

function picker(start: number) {
  let state = start >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

const PAGES = ['/', '/cart', '/checkout', '/account', '/product/shoes', '/product/coat', '/help'];
const EVENT_TYPES = ['page_view', 'login', 'search', 'add_to_cart', 'purchase', 'newsletter_open'];

async function buildReplica(path: string, key: Buffer, events: number): Promise<void> {
  const replica = await openReplica(path, key, { create: true });
  const db = replica.raw;
  const pick = picker(Number(values.seed));
  const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 600_000).toISOString();
  db.transaction(() => {
    const customer = db.prepare(
      `INSERT INTO customers (customer_id, name, email, phone, status, created_at, tags, attributes, merged_into, version)
       VALUES (?, ?, ?, ?, 'active', ?, '["vip"]', '{"locale":"de-DE","newsletter":true}', ?, 1)`,
    );
    customer.run(1, 'Maria Beispiel', 'maria@example.org', '+4930123456', at(0), null);
    customer.run(2, 'Maria Bexspiel', 'm.beispiel@example.org', '+4930123456', at(1), 1);
    const address = db.prepare(
      `INSERT INTO addresses (customer_id, kind, line1, city, postcode, country, created_at, version)
       VALUES (?, 'shipping', ?, 'Berlin', '10115', 'DE', ?, 1)`,
    );
    for (let i = 0; i < 3; i += 1) address.run(1 + (i % 2), `Musterstraße ${i + 1}`, at(i));
    const order = db.prepare(
      `INSERT INTO orders (customer_id, placed_at, status, total_cents, currency, version)
       VALUES (?, ?, 'delivered', ?, 'EUR', 1)`,
    );
    for (let i = 0; i < 200; i += 1) order.run(1 + (i % 2), at(i * 7), 500 + pick(50_000));
    const interaction = db.prepare(
      `INSERT INTO interactions (customer_id, channel, occurred_at, summary, version)
       VALUES (1, 'email', ?, ?, 1)`,
    );
    for (let i = 0; i < 100; i += 1) {
      interaction.run(at(i * 11), `Asked about order ${i}; refund issued, customer satisfied.`);
    }
    const consent = db.prepare(
      `INSERT INTO consents (customer_id, purpose, granted, source, granted_at, updated_at, version)
       VALUES (1, ?, 1, 'web_form', ?, ?, 1)`,
    );
    for (const purpose of [
      'marketing_email',
      'marketing_sms',
      'profiling',
      'third_party_sharing',
    ]) {
      consent.run(purpose, at(5), at(5));
    }
    const event = db.prepare(
      `INSERT INTO events (customer_id, event_type, occurred_at, metadata, version) VALUES (1, ?, ?, ?, 1)`,
    );
    for (let i = 0; i < events; i += 1) {
      event.run(
        EVENT_TYPES[pick(EVENT_TYPES.length)] ?? 'page_view',
        at(i),
        JSON.stringify({
          page: PAGES[pick(PAGES.length)],
          session: `s-${pick(1_000_000)}`,
          device: pick(2) === 0 ? 'mobile' : 'desktop',
          ip: `192.0.2.${pick(255)}`,
          referrer: pick(3) === 0 ? 'newsletter' : null,
        }),
      );
    }
    saveCase(db, {
      caseId: CASE_ID,
      reference: 'DSAR-2027-00001',
      jurisdiction: 'gdpr',
      requestType: 'access',
      channel: 'email',
      status: 'in_progress',
      requester: { names: ['Maria Beispiel'], emails: ['maria@example.org'], phones: [] },
      agent: null,
      receivedAt: '2027-01-31T10:00:00Z',
      timeZone: 'Europe/Berlin',
      subjectIds: [1],
      assignee: null,
      priority: 'normal',
      tags: [],
      verification: {
        kind: 'verified',
        method: 'identity_document',
        evidence: 'passport',
        verifiedBy: 'officer1',
        verifiedAt: '2027-02-01T10:00:00Z',
      },
      extension: null,
      pauses: [],
      approval: {
        requestedBy: 'officer1',
        requestedAt: '2027-02-02T10:00:00Z',
        decision: 'approved',
        decidedBy: 'approver1',
        decidedAt: '2027-02-03T10:00:00Z',
        note: null,
      },
      acknowledgedAt: null,
      resolution: null,
      relatedCaseIds: [],
      closedAt: null,
      createdBy: 'officer1',
      createdAt: '2027-01-31T10:00:00Z',
      updatedAt: '2027-02-03T10:00:00Z',
      version: 5,
    });
  })();
  await replica.close();
}

/** Runs one export and samples resident memory while it runs. */
async function measure(
  databasePath: string,
  key: Buffer,
  dir: string,
  name: string,
  formats: ExportFormat[],
  container: ExportContainer,
) {
  const spec: PackageSpec = {
    exportId: '00000000-0000-4000-8000-00000000000e',
    caseId: CASE_ID,
    path: join(dir, container === 'zip' ? `${name}.zip` : name),
    container,
    password: container === 'zip' ? 'a bench password' : null,
    formats,
    redactions: [],
    overwrite: false,
    knownArchiveSha256: [],
    generatedAt: NOW.toISOString(),
    generatedBy: 'officer1',
    appVersion: 'bench',
    organisation: {
      name: 'Example Shop GmbH',
      address: 'Beispielstraße 1\n10115 Berlin',
      dpoContact: 'datenschutz@example.de',
      signatory: 'Anna Schmidt, Datenschutzbeauftragte',
      currency: 'EUR',
    },
    statement: defaultAccessStatement('Example Shop GmbH', 'de'),
    language: 'de',
    country: 'DE',
    labels: {},
  };
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const result = await runExportJob({ databasePath, keyHex: key.toString('hex'), spec }, () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  });
  const ms = Math.round(performance.now() - started);
  clearInterval(sampler);
  return {
    ms,
    bytes: result.bytes,
    rows: result.rows,
    rssRiseMb: Math.round((peak - baseline) / 1_048_576),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-export-'));
  try {
    const key = randomBytes(32);
    const events = Number(values.events);
    const databasePath = join(dir, 'replica.db');
    await buildReplica(databasePath, key, events);
    const perFormat: Record<string, unknown> = {};
    for (const format of ['json', 'csv', 'xlsx', 'html', 'pdf'] as const) {
      perFormat[format] = await measure(
        databasePath,
        key,
        dir,
        `only-${format}`,
        [format],
        'folder',
      );
    }
    perFormat.allFormatsEncryptedZip = await measure(
      databasePath,
      key,
      dir,
      'all',
      ['html', 'json', 'csv', 'xlsx'],
      'zip',
    );

    const bySize: Record<string, unknown> = {};
    for (const size of values.sizes.split(',').map(Number)) {
      const path = join(dir, `replica-${size}.db`);
      await buildReplica(path, key, size);
      bySize[size] = await measure(
        path,
        key,
        dir,
        `all-${size}`,
        ['html', 'json', 'csv', 'xlsx'],
        'folder',
      );
    }
    console.log(
      JSON.stringify(
        {
          events,
          perFormat,
          allFormatsByEvents: bySize,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
