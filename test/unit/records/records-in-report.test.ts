import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveActivities } from '../../../src/main/records/records-store';
import { processingActivitySchema } from '../../../src/shared/records';
import { approvedCase, type TestDesk } from '../../support/approved-case';
import { pdfText } from '../../support/requester-renders';
import { tempDir } from '../../support/temp-dir';

const orders = (purposes: string, base: number | null) =>
  processingActivitySchema.parse({
    activity_id: 'order-fulfilment',
    name: 'Order fulfilment',
    purposes,
    legal_basis: 'Contract (Article 6(1)(b) GDPR), register text.',
    subject_categories: ['Customers'],
    data_categories: ['financial', 'address'],
    report_sections: ['orders'],
    recipients: 'Parcel carriers named in the register.',
    transfers: 'Payment processor in the USA under standard contractual clauses.',
    retention: 'Ten years, as the register says.',
    requester_text: { de: { purposes: `DE: ${purposes}` } },
    base_version: base,
  });

async function exportHtml(desk: TestDesk, caseId: string, name: string): Promise<string> {
  const out = join(tempDir(), name);
  await desk.exports.create(
    { caseId, formats: ['html', 'pdf'], container: 'folder', password: null, redactions: [] },
    { path: out, overwrite: false },
  );
  return out;
}

describe('the access report reads the records of processing', () => {
  it('takes a covered section from the record, keeps the statement elsewhere, and follows an edit', async () => {
    const { desk, central, caseId } = await approvedCase({
      prepare: (c) =>
        c
          .query(
            `INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency)
             VALUES (2, '2026-11-03T16:45:00Z', 'delivered', 22550, 'EUR')`,
          )
          .then(() => undefined),
    });
    const statement = desk.exports.statement('en');
    // No record yet: the officer's statement is what the requester reads.
    let html = readFileSync(
      join(await exportHtml(desk, caseId, 'before'), 'access-report.html'),
      'utf8',
    );
    expect(html).toContain(statement.categories.orders.purposes);

    // An administrator saves a record for orders (the schema owner here); the desk syncs.
    await saveActivities(central, [orders('Fulfilling orders, per register v1.', null)]);
    await desk.sync.run();
    let out = await exportHtml(desk, caseId, 'v1');
    html = readFileSync(join(out, 'access-report.html'), 'utf8');
    expect(html).toContain('Fulfilling orders, per register v1.');
    expect(html).toContain('Ten years, as the register says.');
    expect(html).toContain('Parcel carriers named in the register.');
    expect(html).toContain('Payment processor in the USA under standard contractual clauses.');
    expect(html).not.toContain(statement.categories.orders.purposes);
    // Identity has no record: it falls back to the statement.
    expect(html).toContain(statement.categories.identity.purposes);
    expect(pdfText(join(out, 'access-report.pdf'))).toMatch(/Fulfilling orders, per register v1\./);

    await saveActivities(central, [orders('Fulfilling orders, per register v2.', 1)]);
    await desk.sync.run();
    out = await exportHtml(desk, caseId, 'v2');
    html = readFileSync(join(out, 'access-report.html'), 'utf8');
    expect(html).toContain('Fulfilling orders, per register v2.');
    expect(html).not.toContain('per register v1.');
    expect(pdfText(join(out, 'access-report.pdf'))).toMatch(/Fulfilling orders, per register v2\./);
  });
});
