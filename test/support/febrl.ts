import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CustomerBundle, DuplicateTruth } from '../../src/main/demo/synthetic-data';

/**
 * The FEBRL record-linkage benchmark (bench/data/febrl, see its README) as replica customers:
 * given name and surname in the attributes and joined as the name, date of birth and social
 * security number in the attributes, the street number and street as the first address line,
 * the suburb as the city. No email and no phone: FEBRL has neither, which is the point.
 */
export const FEBRL_SETS = {
  febrl1: ['febrl_dataset1.csv'],
  febrl2: ['febrl_dataset2.csv'],
  febrl3: ['febrl_dataset3.csv'],
  febrl4: ['febrl_dataset4a.csv', 'febrl_dataset4b.csv'],
} as const;
export type FebrlSet = keyof typeof FEBRL_SETS;

const FOLDER = join(import.meta.dirname, '..', '..', 'bench', 'data', 'febrl');

interface FebrlRow {
  rec_id: string;
  given_name: string;
  surname: string;
  street_number: string;
  address_1: string;
  address_2: string;
  suburb: string;
  postcode: string;
  state: string;
  date_of_birth: string;
  soc_sec_id: string;
}

export interface FebrlData {
  bundles: CustomerBundle[];
  /** Every pair of records of one person (rec-N-org and each rec-N-dup-K, and the dups). */
  truth: DuplicateTruth[];
}

/** Loads a set, optionally only its first `limit` records (a slice for the test suite). */
export function loadFebrl(set: FebrlSet, limit = Infinity): FebrlData {
  const rows = FEBRL_SETS[set].flatMap((file) =>
    parse<FebrlRow>(readFileSync(join(FOLDER, file), 'utf8'), {
      columns: true,
      trim: true,
      skip_empty_lines: true,
    }),
  );
  const bundles: CustomerBundle[] = [];
  const people = new Map<string, number[]>();
  for (const row of rows.slice(0, limit)) {
    const id = bundles.length + 1;
    const person = /^rec-(\d+)-/.exec(row.rec_id)?.[1] ?? row.rec_id;
    people.set(person, [...(people.get(person) ?? []), id]);
    bundles.push(bundleOf(id, row));
  }
  const truth: DuplicateTruth[] = [];
  for (const ids of people.values()) {
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        truth.push({ original_id: ids[a] ?? 0, duplicate_id: ids[b] ?? 0, kinds: [] });
      }
    }
  }
  return { bundles, truth };
}

function bundleOf(id: number, row: FebrlRow): CustomerBundle {
  const attributes: Record<string, unknown> = {};
  if (row.given_name) attributes.given_name = row.given_name;
  if (row.surname) attributes.family_name = row.surname;
  if (/^\d{8}$/.test(row.date_of_birth)) {
    const d = row.date_of_birth;
    attributes.date_of_birth = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  }
  if (row.soc_sec_id) attributes.national_id = row.soc_sec_id;
  const created = '2024-01-01T00:00:00.000Z';
  const line1 = [row.street_number, row.address_1].filter(Boolean).join(' ');
  return {
    customer: {
      customer_id: id,
      name: [row.given_name, row.surname].filter(Boolean).join(' '),
      email: null,
      phone: null,
      status: 'active',
      created_at: created,
      last_active: null,
      tags: [],
      lifecycle_stage: 'customer',
      attributes,
    },
    addresses:
      line1 || row.suburb || row.postcode
        ? [
            {
              address_id: id,
              customer_id: id,
              kind: 'home',
              line1,
              line2: row.address_2 || null,
              city: row.suburb,
              region: row.state || null,
              postcode: row.postcode || null,
              country: 'AU',
              created_at: created,
            },
          ]
        : [],
    orders: [],
    interactions: [],
    events: [],
    consents: [],
  };
}
