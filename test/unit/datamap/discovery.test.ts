import { describe, expect, it } from 'vitest';
import { discover } from '../../../src/main/datamap/discover';
import { tableOf } from '../../../src/shared/datamap';
import { parseDataMap, writeDataMap } from '../../../src/main/datamap/datamap-file';
import { createForeignSchema, FOREIGN_SCHEMA_VALUES } from '../../support/foreign-schema';
import { createTestDatabase } from '../../support/postgres-database';

async function foreignDatabase(options: { central?: boolean } = {}) {
  const database = await createTestDatabase(options);
  const admin = await database.connect();
  await createForeignSchema(admin);
  return { database, admin };
}

describe('discovery on a database it has never seen', () => {
  it('finds the person, every table that reaches them, and the address through its lookups', async () => {
    const { admin } = await foreignDatabase();
    const found = await discover(admin);
    const { map } = found;

    expect(map.subject.table).toBe('crm.person');
    expect(map.subject.identity).toEqual({
      given_name: { table: 'crm.person', column: 'first_name' },
      family_name: { table: 'crm.person', column: 'last_name' },
      email: { table: 'crm.person', column: 'email_address' },
      birth_date: { table: 'crm.person', column: 'birth_date' },
      // Kept on the address row, and the city and country in tables of their own.
      phone: { table: 'crm.address', column: 'phone' },
      street: { table: 'crm.address', column: 'street' },
      house_number: { table: 'crm.address', column: 'house_no' },
      locality: { table: 'crm.city', column: 'name' },
      postcode: { table: 'crm.city', column: 'postal_code' },
      country: { table: 'crm.country', column: 'name' },
    });

    const place = Object.fromEntries(found.tables.map((t) => [t.table, [t.place, t.depth]]));
    expect(place).toEqual({
      'crm.person': ['subject', 0],
      'crm.address': ['belongs-to', 1],
      'crm.orders': ['belongs-to', 1],
      'crm.web_event': ['belongs-to', 1],
      'crm.support_note': ['belongs-to', 1],
      // Two hops: a payment points at an order that points at the person.
      'crm.payment': ['belongs-to', 2],
      'crm.order_line': ['belongs-to', 2],
      'crm.city': ['lookup', 2],
      'crm.country': ['lookup', 3],
      'crm.product': ['not-personal', null],
      'crm.newsletter_signup': ['question', null],
    });
    // The partitioned table is one table; its partitions are not listed.
    expect(found.tables.some((t) => t.table.startsWith('crm.web_event_'))).toBe(false);

    expect(tableOf(map, 'crm.payment')).toMatchObject({
      key: ['order_no', 'seq'],
      link: { kind: 'belongs-to', to: 'crm.orders', on: [['order_no', 'order_no']] },
    });
    expect(tableOf(map, 'crm.city')?.link).toEqual({
      kind: 'lookup',
      to: 'crm.address',
      on: [['city_id', 'city_id']],
    });
    expect(tableOf(map, 'crm.address')?.key).toEqual(['address_id']);

    const category = (table: string, column: string) =>
      tableOf(map, table)?.columns[column]?.category;
    expect(category('crm.person', 'email_address')).toBe('contact');
    expect(category('crm.person', 'first_name')).toBe('identity');
    expect(category('crm.person', 'person_ref')).toBe('technical');
    expect(category('crm.payment', 'iban')).toBe('financial');
    expect(category('crm.orders', 'total')).toBe('financial');
    expect(category('crm.web_event', 'ip_address')).toBe('behavioural');
    expect(category('crm.web_event', 'page_url')).toBe('behavioural');
    expect(category('crm.support_note', 'body')).toBe('free_text');
    expect(category('crm.address', 'phone')).toBe('contact');

    // Name and values agree: sure. No rule: said so, for the reviewer.
    const email = tableOf(map, 'crm.person')?.columns.email_address;
    expect(email?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(email?.why).toMatch(/sampled values look like emails/);
    expect(tableOf(map, 'crm.person')?.columns.loyalty_tier?.confidence).toBeLessThan(0.5);

    // A table of emails with no foreign key to anyone is a question, not a guess.
    const question = map.questions.find((q) => q.table === 'crm.newsletter_signup');
    expect(question?.text).toMatch(
      /crm\.newsletter_signup\.email holds emails .* no foreign key leads from it to crm\.person/,
    );
    expect(tableOf(map, 'crm.newsletter_signup')).toBeUndefined();
    expect(tableOf(map, 'crm.product')).toBeUndefined();
  });

  it('reads a bounded sample and keeps no value of it', async () => {
    const { admin } = await foreignDatabase();
    const found = await discover(admin, { sample: { rowsPerTable: 50, statementMs: 5_000 } });
    expect(found.sampled.rows).toBeLessThanOrEqual(50 * found.tables.length);
    expect(found.sampled.tables).toBe(found.tables.length);
    const written = JSON.stringify(found) + writeDataMap(found.map);
    for (const value of FOREIGN_SCHEMA_VALUES) expect(written).not.toContain(value);
    // No Reflect install in this database: nothing to audit in, and the report says so.
    expect(found.audited).toBe(false);
  });

  it('proposes a map that reads back as it was written', async () => {
    const { admin } = await foreignDatabase();
    const { map } = await discover(admin);
    const read = parseDataMap(writeDataMap(map, 'Proposed by discovery'));
    expect(read).toEqual({ ok: true, map });
  });

  it("is recorded in central's audit log, with counts only, where Reflect is installed", async () => {
    const { database, admin } = await foreignDatabase({ central: true });
    const found = await discover(admin);
    expect(found.audited).toBe(true);
    const entry = await admin.query<{ actor: string; details: Record<string, unknown> }>(
      `SELECT actor, details FROM reflect.audit_log WHERE action = 'datamap.discovered'`,
    );
    expect(entry.rows).toHaveLength(1);
    expect(entry.rows[0]?.details).toMatchObject({
      tables: found.tables.length,
      sampled_rows: found.sampled.rows,
    });

    // An officer may not sample the company's tables, and is told so before anything is read.
    await admin.query(
      `CREATE ROLE officer_d LOGIN PASSWORD 'pw-officer-d' IN ROLE reflect_officer`,
    );
    const url = new URL(database.url);
    url.username = 'officer_d';
    url.password = 'pw-officer-d';
    const officer = await database.connect(url.toString());
    await expect(discover(officer)).rejects.toThrow(/only an administrator \(role reflect_admin\)/);
  });

  it('leaves out a table whose name a map cannot write, and says so', async () => {
    const { admin } = await foreignDatabase();
    await admin.query(
      `CREATE TABLE crm."Gift cards" (card_no text PRIMARY KEY, person_ref text REFERENCES crm.person)`,
    );
    const found = await discover(admin);
    expect(found.tables.find((t) => t.table === 'crm.Gift cards')).toMatchObject({
      place: 'question',
      note: expect.stringMatching(/a dot, a quote or a space/),
    });
    expect(parseDataMap(writeDataMap(found.map)).ok).toBe(true);
  });

  it('says where to look when no table holds people', async () => {
    const database = await createTestDatabase();
    const admin = await database.connect();
    await admin.query(
      `CREATE SCHEMA stock; CREATE TABLE stock.item (sku text PRIMARY KEY, qty int)`,
    );
    await expect(discover(admin)).rejects.toThrow(/No table looks like it holds people/);
  });
});
