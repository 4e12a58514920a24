import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { Redaction } from '../../../src/shared/exports';
import { describe, expect, it } from 'vitest';
import type { CaseSettings } from '../../../src/shared/ipc/contract';
import { verifyPackage } from '../../../src/main/export/verify-package';
import { PDF_DEFAULT_MAX_ROWS, pdfSizeWarning } from '../../../src/main/export/export-rules';
import { approvedCase, type TestDesk } from '../../support/approved-case';
import {
  htmlScreenshot,
  letterScreenshot,
  pdfPages,
  pdfText,
  rendersDir,
} from '../../support/requester-renders';
import { tempDir } from '../../support/temp-dir';

/** An order of 225.50 €, an address in Germany, an event with details and a hostile summary. */
async function plantRows(central: pg.Client): Promise<void> {
  await central.query(
    `INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency) VALUES
       (2, '2026-11-03T16:45:00Z', 'delivered', 22550, 'EUR'),
       (2, '2026-11-20T08:00:00Z', 'placed', 1999, 'CHF')`,
  );
  await central.query(
    `INSERT INTO reflect.addresses (customer_id, kind, line1, city, postcode, country, created_at)
     VALUES (2, 'shipping', 'Hauptstraße 5', 'München', '80331', 'DE', '2025-03-01T09:00:00Z')`,
  );
  await central.query(
    `INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata) VALUES
       (2, 'purchase', '2026-11-03T16:45:00Z', $1)`,
    [JSON.stringify({ page_url: '/checkout', cart: { items: 3 }, coupon: null })],
  );
  await central.query(
    `INSERT INTO reflect.interactions (customer_id, channel, occurred_at, summary) VALUES
       (2, 'email', '2026-11-04T10:00:00Z', '<script>alert(1)</script> =1+1')`,
  );
}

function organisation(desk: TestDesk, overrides: Partial<CaseSettings> = {}): void {
  desk.cases.saveSettings({
    ...desk.cases.settings(),
    organisationName: 'Beispiel Versand GmbH',
    organisationAddress: 'Beispielstraße 1\n10115 Berlin\nDeutschland',
    dpoContact: 'Datenschutzbeauftragte: Dr. Eva Roth, datenschutz@beispiel.example',
    signatory: 'Anna Schmidt, Datenschutzbeauftragte',
    currency: 'EUR',
    ...overrides,
  });
}

describe('what the requester receives', () => {
  it('writes a German access package a person can read: labels, money, dates, details, tagged PDF', async () => {
    const withheld: Redaction[] = [
      {
        table: 'interactions',
        column: 'summary',
        rowId: null,
        reason: 'Enthält Angaben über Dritte',
      },
    ];
    // The approval holds for the package proposed: the same withholding as the one written.
    const { desk, caseId } = await approvedCase({
      prepare: plantRows,
      language: 'de',
      withhold: () => Promise.resolve(withheld),
    });
    const before = desk.exports.preview(caseId);
    // Never filled in: the export warns, in the officer's words, but does not refuse.
    expect(before.language).toMatchObject({ code: 'de', fromCase: true });
    expect(before.warnings.join('\n')).toMatch(/still “Our company”/);
    expect(before.warnings.join('\n')).toMatch(/access statement in Deutsch.*never filled in/);
    organisation(desk);
    expect(desk.exports.preview(caseId).warnings).toEqual([
      expect.stringMatching(/access statement in Deutsch .*never filled in/),
    ]);
    expect(before.defaultFormats).toEqual(['html', 'pdf', 'json']);

    const out = join(tempDir(), 'paket-de');
    await desk.exports.create(
      {
        caseId,
        formats: ['html', 'pdf', 'json', 'csv'],
        container: 'folder',
        password: null,
        redactions: withheld,
      },
      { path: out, overwrite: false },
    );
    expect((await verifyPackage(out)).ok).toBe(true);

    const html = readFileSync(join(out, 'access-report.html'), 'utf8');
    expect(html).toContain('<html lang="de-DE">');
    expect(html).toContain('<title>Ihre personenbezogenen Daten bei Beispiel Versand GmbH</title>');
    expect(html).not.toContain('Our company');
    for (const label of [
      'Gesamtbetrag',
      'Bestellt am',
      'Einzelheiten',
      'Kundennummer',
      'Zweck der Verarbeitung',
    ]) {
      expect(html).toContain(`>${label}<`);
    }
    // No database column names in the headers, no raw JSON, no ISO timestamps.
    const headers = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1] ?? '');
    expect(headers.filter((h) => /^[a-z]+(_[a-z]+)+$/.test(h))).toEqual([]);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(html).not.toMatch(/<td>[^<]*\{&quot;/);
    expect(html).toMatch(/225,50\s€/);
    expect(html).toMatch(/19,99\sCHF/);
    expect(html).toContain('3. Nov. 2026, 17:45 MEZ');
    expect(html).toContain('Page url: /checkout');
    expect(html).toContain('Cart › Items: 3');
    expect(html).toContain('Beispielstraße 1<br>10115 Berlin');
    expect(html).toContain('Dr. Eva Roth');
    expect(html).toContain(
      'Kontakte mit dem Kundenservice: das Feld „Zusammenfassung“ in allen Einträgen. Grund: Enthält Angaben über Dritte',
    );
    expect(html).not.toContain('<script>');
    // The statement was never saved in German: the shipped German example, not English.
    expect(html).toContain('Erfüllung unseres Vertrags mit Ihnen');

    const readme = readFileSync(join(out, 'README.txt'), 'utf8');
    expect(readme).toContain('IHRE PERSONENBEZOGENEN DATEN VON BEISPIEL VERSAND GMBH');
    expect(readme).toMatch(/Antrag: DSAR-\d{4}-\d{5} \(Auskunft, DSGVO\)/);
    expect(html).toMatch(
      /<th scope="row">Antrag<\/th><td>DSAR-\d{4}-\d{5}: Auskunft \(DSGVO\)<\/td>/,
    );
    expect(readme).toContain('access-report.pdf');
    expect(readme).toMatch(/total_cents\s+Gesamtbetrag/);
    expect(readme).toContain('Inhalt dieses Pakets'.toUpperCase());
    // Spreadsheet files keep the machine names and the formula guard.
    expect(readFileSync(join(out, 'interactions.csv'), 'utf8')).not.toContain('=1+1');

    // The PDF: tagged (structure tree, language, marked), the same words, money and dates.
    const pdfPath = join(out, 'access-report.pdf');
    const raw = readFileSync(pdfPath).toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/MarkInfo\s*\d+ 0 R|\/Marked true/);
    expect(raw).toContain('/Lang (de-DE)');
    for (const tag of ['/H1', '/H2', '/H3', '/Table', '/TH', '/TD', '/P']) {
      expect(raw).toContain(`/S ${tag}`);
    }
    const text = pdfText(pdfPath);
    for (const words of [
      'Ihre personenbezogenen Daten bei Beispiel Versand GmbH',
      'Gesamtbetrag',
      'Zweck der Verarbeitung',
      'Seite 1',
      'Page url: /checkout',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/225,50\s€/);
    expect(text).toContain('3. Nov. 2026, 17:45 MEZ');
    expect(text).not.toContain('total_cents');

    // The completion letter says what was sent.
    const completion = desk.cases.template(caseId, 'completion');
    expect(completion.problems).toEqual([]);
    expect(completion.body).toMatch(
      /wir haben Ihren Antrag auf Auskunft über Ihre personenbezogenen Daten vom 31\. Januar 2027 \(Aktenzeichen DSAR-2026-\d+\) abschließend bearbeitet\.\n\nAm 10\. Februar 2027 haben wir eine Kopie Ihrer personenbezogenen Daten erstellt \(\d+ Einträge\)/,
    );

    const dir = rendersDir('de');
    await letterScreenshot(completion.subject, completion.body, join(dir, 'letter-completion.png'));
    copyFileSync(pdfPath, join(dir, 'access-report.pdf'));
    copyFileSync(join(out, 'README.txt'), join(dir, 'README.txt'));
    await htmlScreenshot(join(out, 'access-report.html'), join(dir, 'access-report-html.png'));
    expect(pdfPages(pdfPath, dir, 'access-report-pdf').length).toBeGreaterThan(1);
  });

  it('writes a French package, and uses the organisation’s own labels and statement', async () => {
    const { desk, caseId } = await approvedCase({ prepare: plantRows, language: 'fr' });
    organisation(desk, {
      organisationName: 'Exemple Boutique SARL',
      organisationAddress: '12 rue de l’Exemple\n75002 Paris',
    });
    desk.exports.saveLabels('fr', {
      'column.orders.total_cents': 'Montant TTC',
      'table.orders': 'Vos achats',
    });
    const statement = desk.exports.statement('fr');
    desk.exports.saveStatement(
      {
        ...statement,
        categories: {
          ...statement.categories,
          orders: {
            ...statement.categories.orders,
            retention: 'Dix ans, comme l’exige le Code de commerce.',
          },
        },
      },
      'fr',
    );
    expect(desk.exports.preview(caseId).warnings).toEqual([]);
    // Unknown labels are refused.
    expect(() => desk.exports.saveLabels('fr', { 'column.orders.nope': 'x' })).toThrow(
      /Unknown label/,
    );

    const out = join(tempDir(), 'dossier-fr');
    await desk.exports.create(
      { caseId, formats: ['html', 'pdf'], container: 'folder', password: null, redactions: [] },
      { path: out, overwrite: false },
    );
    const html = readFileSync(join(out, 'access-report.html'), 'utf8');
    expect(html).toContain('<html lang="fr-FR">');
    expect(html).toContain('Vos données personnelles détenues par Exemple Boutique SARL');
    expect(html).toContain('>Montant TTC<');
    expect(html).toContain('Vos achats (3 entrées)');
    expect(html).toContain('Dix ans, comme l’exige le Code de commerce.');
    expect(html).toMatch(/225,50\s€/);
    expect(html).toContain('3 nov. 2026, 17:45 UTC+1');
    const text = pdfText(join(out, 'access-report.pdf'));
    expect(text).toContain('Montant TTC');
    expect(text).toContain('Page 1');

    const completion = desk.cases.template(caseId, 'completion');
    expect(completion.problems).toEqual([]);
    expect(completion.body).toMatch(
      /Le 10 février 2027, nous avons préparé une copie de vos données personnelles \(\d+ entrées\)/,
    );

    const dir = rendersDir('fr');
    await letterScreenshot(completion.subject, completion.body, join(dir, 'letter-completion.png'));
    copyFileSync(join(out, 'access-report.pdf'), join(dir, 'access-report.pdf'));
    await htmlScreenshot(join(out, 'access-report.html'), join(dir, 'access-report-html.png'));
    pdfPages(join(out, 'access-report.pdf'), dir, 'access-report-pdf');
  });

  it('prints a long table with its header on every page and a value taller than a page in full', async () => {
    const WORDS = Array.from({ length: 2500 }, (_, i) => `Wort${i}`).join(' ');
    const { desk, caseId } = await approvedCase({
      language: 'de',
      prepare: async (central) => {
        await central.query(
          `INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata)
           SELECT 2, 'page_view', timestamptz '2026-01-01' + i * interval '1 minute',
                  jsonb_build_object('path', '/p/' || i)
           FROM generate_series(1, 600) i`,
        );
        await central.query(
          `INSERT INTO reflect.interactions (customer_id, channel, occurred_at, summary)
           VALUES (2, 'phone', '2026-05-01T10:00:00Z', $1)`,
          // A summary of 2,500 words, a right-to-left mark and a zero-width joiner in it.
          [`${WORDS} \u200f\u200d ENDE-DER-ZUSAMMENFASSUNG`],
        );
      },
    });
    organisation(desk);
    // Under the limit the PDF is chosen by default; over it, the officer is told why it is not.
    expect(desk.exports.preview(caseId).defaultFormats).toContain('pdf');
    expect(pdfSizeWarning(PDF_DEFAULT_MAX_ROWS + 1)[0]).toMatch(
      /rows: a PDF of them would take minutes/,
    );
    expect(pdfSizeWarning(PDF_DEFAULT_MAX_ROWS)).toEqual([]);
    const out = join(tempDir(), 'lang');
    await desk.exports.create(
      { caseId, formats: ['pdf'], container: 'folder', password: null, redactions: [] },
      { path: out, overwrite: false },
    );
    const pdfPath = join(out, 'access-report.pdf');
    const pages = pdfText(pdfPath).split('\f');
    const withEvents = pages.filter((p) => /\/p\/\d+/.test(p));
    expect(withEvents.length).toBeGreaterThan(5);
    // Each page of the table starts with its header again.
    for (const page of withEvents) expect(page).toContain('Ereignisnummer');
    // Every event and every word of the long summary is printed, across pages.
    const text = pages.join('\n');
    expect(new Set(text.match(/\/p\/\d+/g)).size).toBe(600);
    expect(text).toContain('Wort0');
    expect(text).toContain('Wort2499');
    expect(text).toContain('ENDE-DER-ZUSAMMENFASSUNG');
    const numbers = new Set(text.match(/Wort\d+/g));
    expect(numbers.size).toBe(2500);
    expect(pages.at(-2)).toMatch(/Seite \d+/);
    pdfPages(pdfPath, rendersDir('long-table'), 'page', 12);
  });
});
