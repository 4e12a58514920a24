import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { saveActivities } from '../../../src/main/records/records-store';
import { readRegister, writeRegister } from '../../../src/main/records/records-register';
import { processingActivitySchema } from '../../../src/shared/records';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { pdfPages, pdfText, rendersDir } from '../../support/requester-renders';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const hostile = processingActivitySchema.parse({
  activity_id: 'support',
  name: '=HYPERLINK("http://example.invalid","Customer support")',
  purposes: 'Answering questions and complaints.\nKeeping notes of each contact.',
  legal_basis: 'Legitimate interest (Article 6(1)(f) GDPR).',
  subject_categories: ['Customers', '+Prospects'],
  data_categories: ['contact', 'free_text'],
  report_sections: ['interactions'],
  recipients: 'Help desk software provider (processor).',
  transfers: 'None.',
  retention: 'Three years after the contact.',
  security_measures: 'Role-based access, encryption at rest.',
  controller_contact: 'Example Shop Ltd, 1 High Street, London',
  dpo_contact: 'dpo@example.org',
});
const newsletter = processingActivitySchema.parse({
  activity_id: 'newsletter',
  name: 'Newsletter',
  purposes: 'Sending the monthly newsletter.',
  legal_basis: 'Consent (Article 6(1)(a) GDPR).',
  subject_categories: ['Subscribers'],
  data_categories: ['contact', 'preferences'],
  report_sections: ['consents'],
  retention: 'Until the subscriber unsubscribes.',
});

describe('exporting the records of processing', () => {
  it('writes a workbook with neutralised cells and headings in the chosen language, and a tagged PDF', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 2);
    await saveActivities(central, [hostile, newsletter]);
    await saveActivities(central, [
      { ...newsletter, purposes: 'Sending the weekly newsletter.', base_version: 1 },
    ]);

    const viewerUrl = await createLoginRole(database, 'reflect_viewer');
    const desk = testServices(join(tempDir(), 'desk'));
    await desk.workspace.create({ name: 'desk', keyMode: 'keychain' });
    await desk.sync.connect({ url: `${viewerUrl}?sslmode=disable` });
    await desk.sync.run();

    const dir = tempDir();
    let chosen = join(dir, 'register.xlsx');
    const handlers = testServices(desk.dataDir, { chooseSavePath: () => Promise.resolve(chosen) });
    // The same workspace, opened by the second set of services for its save dialog.
    await desk.workspace.close();
    await handlers.workspace.unlock({});
    const xlsx = await handlers.handlers['records:export']({ format: 'xlsx', language: 'de' });
    expect(xlsx).toMatchObject({ path: chosen, activities: 2, version: 3 });
    expect(statSync(chosen).mode & 0o777).toBe(0o600);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(chosen);
    const sheet = book.getWorksheet('Tätigkeiten');
    const changes = book.getWorksheet('Änderungen');
    if (!sheet || !changes) throw new Error('a sheet is missing');
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headings.slice(0, 4)).toEqual(['Kennung', 'Tätigkeit', 'Zwecke', 'Rechtsgrundlage']);
    expect(headings).toContain('Übermittlungen in Drittländer und Garantien');
    const names = [sheet.getCell('B2').value, sheet.getCell('B3').value];
    // A name that a spreadsheet would run as a formula is text, with the quote that says so.
    expect(names).toContain(`'=HYPERLINK("http://example.invalid","Customer support")`);
    expect(names).toContain('Newsletter');
    expect(sheet.getCell('B2').formula).toBeUndefined();
    const row = names.indexOf('Newsletter') + 2;
    expect(sheet.getCell(`C${row}`).value).toBe('Sending the weekly newsletter.');
    expect(sheet.getCell(`F${row}`).value).toBe('Kontaktdaten, Präferenzen und Einwilligungen');
    expect(changes.rowCount).toBe(4);
    expect((changes.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Kennung',
      'Tätigkeit',
      'Version',
      'Änderung',
      'Geändert am (UTC)',
      'Geändert von',
    ]);

    chosen = join(dir, 'register.pdf');
    expect(
      await handlers.handlers['records:export']({ format: 'pdf', language: 'en' }),
    ).toMatchObject({
      activities: 2,
    });
    const pdf = readFileSync(chosen);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Tagged, with the document's language and title.
    expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
    expect(pdf.toString('latin1')).toMatch(/\/Lang \(en\)/);
    const text = pdfText(chosen);
    expect(text).toContain('Records of processing activities (Article 30 GDPR)');
    expect(text).toContain('Newsletter');
    expect(text).toContain('Customer support');
    expect(text).toMatch(/register version 3/);
    expect(text).toContain('Sending the weekly newsletter.');
    pdfPages(chosen, rendersDir('records-of-processing'), 'register', 3);

    const audit = handlers.workspace
      .requireOpen()
      .replica.raw.prepare(
        `SELECT details FROM audit_log WHERE action = 'records.exported' ORDER BY seq`,
      )
      .pluck()
      .all() as string[];
    expect(audit.map((d) => JSON.parse(d) as { format: string })).toMatchObject([
      { format: 'xlsx', language: 'de', activities: 2, version: 3 },
      { format: 'pdf', language: 'en', activities: 2 },
    ]);
  });

  it('validates the destination: a full path, the right extension, no file replaced unasked', async () => {
    const { central } = await centralWithClient();
    const snapshot = await readRegister(
      central,
      'Example Shop Ltd',
      'en',
      new Date('2027-01-01T00:00:00Z'),
    );
    const dir = tempDir();
    await expect(
      writeRegister('xlsx', 'relative.xlsx', snapshot, { overwrite: false }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Give a full path/),
    });
    await expect(
      writeRegister('pdf', join(dir, 'register.xlsx'), snapshot, { overwrite: false }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/ends in \.pdf/),
    });
    await expect(
      writeRegister('pdf', join(dir, 'missing', 'register.pdf'), snapshot, { overwrite: false }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/does not exist/) });
    const existing = join(dir, 'kept.pdf');
    writeFileSync(existing, 'not a register');
    await expect(
      writeRegister('pdf', existing, snapshot, { overwrite: false }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/exists/),
    });
    expect(readFileSync(existing, 'utf8')).toBe('not a register');
    // An empty register is still a document that says so.
    const empty = join(dir, 'empty.pdf');
    await writeRegister('pdf', empty, snapshot, { overwrite: false });
    expect(existsSync(empty)).toBe(true);
    expect(pdfText(empty)).toContain('The register holds no activities yet.');
  });
});
