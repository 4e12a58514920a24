import { describe, expect, it } from 'vitest';
import {
  describeProblems,
  parseDataMap,
  writeDataMap,
} from '../../../src/main/datamap/datamap-file';
import { REFERENCE_DATA_MAP } from '../../../src/main/datamap/reference-data-map';

const VALID = `format: reflect-data-map/1
subject:
  table: crm.person
  identity:
    email: { table: crm.person, column: email }
tables:
  - table: crm.person
    key: [person_ref]
    columns:
      person_ref: { category: technical }
      email: { category: contact }
  - table: crm.orders
    key: [order_no]
    link: { kind: belongs-to, to: crm.person, on: [[person_ref, person_ref]] }
    columns:
      total: { category: financial }
`;

describe('a data map file', () => {
  it('reads YAML and the same map written as JSON', () => {
    const yaml = parseDataMap(VALID);
    expect(yaml.ok).toBe(true);
    if (!yaml.ok) return;
    expect(yaml.map.tables.map((t) => t.table)).toEqual(['crm.person', 'crm.orders']);
    expect(parseDataMap(JSON.stringify(yaml.map))).toEqual(yaml);
  });

  it('names the line of every problem, all at once', () => {
    const broken = VALID.replace('category: contact', 'category: contactt')
      .replace('to: crm.person,', 'to: crm.people,')
      .replace('column: email }', 'column: e_mail }');
    const read = parseDataMap(broken);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const byAt = Object.fromEntries(read.problems.map((p) => [p.at, p]));
    expect(byAt['tables[0].columns.email.category']?.line).toBe(11);
    expect(byAt['tables[1].link.to']).toMatchObject({
      line: 14,
      message: 'crm.people is not one of the tables listed',
    });
    expect(byAt['subject.identity.email.column']).toMatchObject({
      line: 5,
      message: 'crm.person lists no column e_mail',
    });
    expect(describeProblems(read.problems, 'map.yaml')).toContain(
      'map.yaml:14: tables[1].link.to: crm.people is not one of the tables listed',
    );
  });

  it('refuses a table with no way to the person, and links that go round in a circle', () => {
    const read = parseDataMap(
      VALID.replace(
        '    link: { kind: belongs-to, to: crm.person, on: [[person_ref, person_ref]] }\n',
        '',
      ) +
        `  - table: crm.a
    key: [id]
    link: { kind: belongs-to, to: crm.b, on: [[b_id, id]] }
    columns: {}
  - table: crm.b
    key: [id]
    link: { kind: belongs-to, to: crm.a, on: [[a_id, id]] }
    columns: {}
`,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const messages = read.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toContain(
      '12: crm.orders has no link to the person: add one, or remove the table and ask a question about it',
    );
    expect(messages).toContain(
      '18: the links from crm.a go round in a circle and never reach crm.person',
    );
  });

  it('says what is wrong with text that is not YAML, and with a file far too large', () => {
    const syntax = parseDataMap('format: reflect-data-map/1\ntables: [\n  - oops');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]?.message).toMatch(/^Not valid YAML or JSON/);
    const large = parseDataMap(`# ${'x'.repeat(5 * 1024 * 1024)}`);
    expect(large).toEqual({
      ok: false,
      problems: [
        { line: null, at: '', message: 'The file is larger than 4 MB: it is not a data map.' },
      ],
    });
  });

  it('names the line of text central could not store: a NUL, a broken character', () => {
    const nul = parseDataMap(
      VALID.replace('category: financial }', 'category: financial, why: "a\\0b" }'),
    );
    expect(nul).toEqual({
      ok: false,
      problems: [
        {
          line: 16,
          at: 'tables[1].columns.total.why',
          message: 'The text contains a NUL character, which cannot be stored.',
        },
      ],
    });
    const broken = parseDataMap(JSON.stringify({ format: 'reflect-data-map/1', note: '\uD800' }));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0]?.message).toMatch(/unpaired UTF-16 surrogate/);
  });

  it('refuses aliases, which could expand a small file into a huge one', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n`;
    const read = parseDataMap(bomb);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]?.message).toMatch(/alias/i);
  });

  it('writes a map the reader takes back, though two of its tables share one object', () => {
    const read = parseDataMap(VALID);
    if (!read.ok) throw new Error('the fixture is a map');
    const [person, orders] = read.map.tables;
    if (!person || !orders) throw new Error('two tables');
    // The same key list in two places, as a map built in code may hold it.
    const shared = { ...read.map, tables: [person, { ...orders, key: person.key }] };
    expect(parseDataMap(writeDataMap(shared, 'Reviewed'))).toMatchObject({ ok: true });
  });

  it('holds the reference schema as one map among others', () => {
    expect(parseDataMap(JSON.stringify(REFERENCE_DATA_MAP))).toEqual({
      ok: true,
      map: REFERENCE_DATA_MAP,
    });
  });
});
