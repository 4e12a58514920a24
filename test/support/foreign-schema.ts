import type pg from 'pg';

/**
 * A company's own customer database, unlike Reflect's reference tables in the ways real ones
 * are: the person keyed by text, the name in two columns, the postal address reached through
 * lookup tables (address, city, country) with the phone kept on the address row, a uuid key,
 * a composite primary key two foreign-key hops from the person, personal data in a partitioned
 * table, free-text notes, a product catalogue that is not personal, and newsletter sign-ups
 * that hold emails but no foreign key to anyone. Generated in the server (generate_series), so
 * the same shape serves a test of a few hundred people and a bench of a million.
 */
export interface ForeignSchemaSize {
  people: number;
  ordersPerPerson: number;
  eventsPerPerson: number;
}

export const SMALL_FOREIGN_SCHEMA: ForeignSchemaSize = {
  people: 300,
  ordersPerPerson: 2,
  eventsPerPerson: 3,
};

const FIRST = [
  'Anna',
  'Lukas',
  'Émilie',
  'Jan',
  'Sofía',
  'Giulia',
  'Oliver',
  'Maja',
  'Noah',
  'Zoë',
  'Mateo',
  'Łucja',
];
const LAST = [
  'Müller',
  'Dubois',
  'de Vries',
  'García',
  'Rossi',
  'Smith',
  'Kowalska',
  'Jansen',
  'Martin',
  'Bianchi',
  'Schmidt',
  'López',
];
// Valid IBANs (check digits hold) from the banks' published examples.
const IBANS = [
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'FR1420041010050500013M02606',
  'NL91ABNA0417164300',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
];

const sqlArray = (values: string[]) =>
  `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

export async function createForeignSchema(
  client: pg.ClientBase,
  size: ForeignSchemaSize = SMALL_FOREIGN_SCHEMA,
): Promise<void> {
  const { people, ordersPerPerson, eventsPerPerson } = size;
  await client.query(/* sql */ `
CREATE SCHEMA crm;
CREATE TABLE crm.country (code char(2) PRIMARY KEY, name text NOT NULL);
INSERT INTO crm.country VALUES ('DE', 'Germany'), ('FR', 'France'), ('NL', 'Netherlands'),
  ('ES', 'Spain'), ('IT', 'Italy'), ('GB', 'United Kingdom');

CREATE TABLE crm.city (
  city_id      integer PRIMARY KEY,
  name         text NOT NULL,
  postal_code  text NOT NULL,
  country_code char(2) NOT NULL REFERENCES crm.country
);
INSERT INTO crm.city
SELECT i, (ARRAY['Berlin', 'Lyon', 'Utrecht', 'Sevilla', 'Torino', 'Leeds'])[1 + i % 6] || ' ' || (i / 6 + 1),
       lpad((10000 + i * 379)::text, 5, '0'),
       (ARRAY['DE', 'FR', 'NL', 'ES', 'IT', 'GB'])[1 + i % 6]
FROM generate_series(0, 59) i;

CREATE TABLE crm.person (
  person_ref     text PRIMARY KEY,
  first_name     text NOT NULL,
  last_name      text NOT NULL,
  email_address  text,
  birth_date     date,
  loyalty_tier   text NOT NULL,
  created        timestamptz NOT NULL DEFAULT now()
);
INSERT INTO crm.person (person_ref, first_name, last_name, email_address, birth_date, loyalty_tier)
SELECT 'P-' || lpad(i::text, 7, '0'), f, l,
       CASE WHEN i % 10 <> 0 THEN lower(translate(f, 'ÉéíóöüŁłë', 'eeioouLle')) || '.' || lower(replace(translate(l, 'üñóí', 'unoi'), ' ', '')) || i || '@example.org' END,
       date '1940-01-01' + (i * 37) % 25000,
       (ARRAY['gold', 'silver', 'none'])[1 + i % 3]
FROM generate_series(1, ${people}) i,
     LATERAL (SELECT (${sqlArray(FIRST)})[1 + (i * 7) % ${FIRST.length}] AS f,
                     (${sqlArray(LAST)})[1 + (i * 5 + i / 12) % ${LAST.length}] AS l) n;

CREATE TABLE crm.address (
  address_id  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_ref  text NOT NULL REFERENCES crm.person,
  street      text NOT NULL,
  house_no    text NOT NULL,
  city_id     integer NOT NULL REFERENCES crm.city,
  phone       text
);
INSERT INTO crm.address (person_ref, street, house_no, city_id, phone)
SELECT 'P-' || lpad(i::text, 7, '0'),
       (ARRAY['Hauptstraße', 'Rue de la Paix', 'Oudegracht', 'Calle Mayor', 'Via Roma', 'High Street'])[1 + i % 6],
       (1 + i % 120)::text, i % 60,
       '+49 30 ' || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0')
FROM generate_series(1, ${people}) i;

CREATE TABLE crm.product (sku text PRIMARY KEY, title text NOT NULL, price numeric(10, 2) NOT NULL);
INSERT INTO crm.product SELECT 'SKU-' || i, 'Product ' || i, 5 + i FROM generate_series(1, 50) i;

CREATE TABLE crm.orders (
  order_no    bigint PRIMARY KEY,
  person_ref  text NOT NULL REFERENCES crm.person,
  placed_at   timestamptz NOT NULL,
  status      text NOT NULL,
  total       numeric(10, 2) NOT NULL
);
INSERT INTO crm.orders
SELECT o, 'P-' || lpad((1 + (o - 1) / ${ordersPerPerson})::text, 7, '0'),
       timestamptz '2025-01-01 00:00+00' + (o % 500) * interval '1 day',
       (ARRAY['paid', 'shipped', 'returned'])[1 + o % 3], 10 + o % 300
FROM generate_series(1, ${people * ordersPerPerson}) o;

CREATE TABLE crm.order_line (
  order_no  bigint NOT NULL REFERENCES crm.orders,
  line_no   smallint NOT NULL,
  sku       text NOT NULL REFERENCES crm.product,
  quantity  integer NOT NULL,
  PRIMARY KEY (order_no, line_no)
);
INSERT INTO crm.order_line SELECT o, 1, 'SKU-' || (1 + o % 50), 1 + o % 3
FROM generate_series(1, ${people * ordersPerPerson}) o;

CREATE TABLE crm.payment (
  order_no  bigint NOT NULL REFERENCES crm.orders,
  seq       smallint NOT NULL,
  iban      text NOT NULL,
  amount    numeric(10, 2) NOT NULL,
  PRIMARY KEY (order_no, seq)
);
INSERT INTO crm.payment SELECT o, 1, (${sqlArray(IBANS)})[1 + o % ${IBANS.length}], 10 + o % 300
FROM generate_series(1, ${people * ordersPerPerson}) o;

CREATE TABLE crm.web_event (
  event_id    bigint NOT NULL,
  person_ref  text NOT NULL REFERENCES crm.person,
  occurred    date NOT NULL,
  page_url    text NOT NULL,
  ip_address  text NOT NULL,
  PRIMARY KEY (event_id, occurred)
) PARTITION BY RANGE (occurred);
CREATE TABLE crm.web_event_2025 PARTITION OF crm.web_event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE crm.web_event_2026 PARTITION OF crm.web_event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO crm.web_event
SELECT e, 'P-' || lpad((1 + (e - 1) / ${eventsPerPerson})::text, 7, '0'),
       date '2025-01-01' + (e % 700), 'https://shop.example.com/p/' || (e % 97),
       '192.0.2.' || (e % 250)
FROM generate_series(1, ${people * eventsPerPerson}) e;

CREATE TABLE crm.support_note (
  note_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_ref  text NOT NULL REFERENCES crm.person,
  body        text NOT NULL
);
INSERT INTO crm.support_note (person_ref, body)
SELECT 'P-' || lpad(i::text, 7, '0'),
       'Customer called about a late delivery and asked for a refund of order ' || i || ', agreed to wait.'
FROM generate_series(1, ${people}, 4) i;

CREATE TABLE crm.newsletter_signup (
  signup_id  serial PRIMARY KEY,
  email      text NOT NULL,
  signed_up  date NOT NULL,
  source     text NOT NULL
);
INSERT INTO crm.newsletter_signup (email, signed_up, source)
SELECT email_address, date '2025-03-01', 'footer form' FROM crm.person
WHERE email_address IS NOT NULL AND right(person_ref, 1) IN ('1', '4', '7');

ANALYZE crm.country, crm.city, crm.person, crm.address, crm.product, crm.orders, crm.order_line,
        crm.payment, crm.web_event, crm.support_note, crm.newsletter_signup;
`);
}

/** Values of the fixture that must never appear in anything discovery prints or stores. */
export const FOREIGN_SCHEMA_VALUES = [
  '@example.org',
  'Hauptstraße',
  '+49 30',
  'DE89370400440532013000',
  '192.0.2.',
  'late delivery',
];
