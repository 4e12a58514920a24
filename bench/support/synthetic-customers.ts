import type { NewCustomer } from '../../src/main/db/schema';

const FIRST = [
  'Amira',
  'Bastian',
  'Chloé',
  'Dmitri',
  'Elena',
  'Farid',
  'Greta',
  'Hiroshi',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Mateo',
  'Nora',
  'Oskar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tamsin',
];
const LAST = [
  'Andersson',
  'Bianchi',
  'Clarke',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Horvat',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'Larsen',
  'Müller',
  'Novak',
  "O'Brien",
  'Petrov',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
];
const STATUS = ['active', 'active', 'active', 'inactive', 'churned'];
const STAGE = ['lead', 'prospect', 'customer', 'customer', 'advocate'];
const TAGS = ['newsletter', 'vip', 'b2b', 'wholesale', 'beta'];

/** A small seeded PRNG (mulberry32): the same seed gives the same customers on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Streams `count` plausible customers without holding them in memory. */
export function* syntheticCustomers(count: number, seed: number): Generator<NewCustomer> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const epoch = Date.UTC(2018, 0, 1);
  for (let id = 1; id <= count; id++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const created = epoch + Math.floor(next() * 8 * 365 * 86_400_000);
    yield {
      customer_id: id,
      name: `${first} ${last}`,
      email: `${first}.${last}.${id}@example.com`.toLowerCase(),
      phone: `+4479${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
      status: pick(STATUS),
      created_at: new Date(created).toISOString(),
      last_active: new Date(created + Math.floor(next() * 400 * 86_400_000)).toISOString(),
      tags: JSON.stringify(next() < 0.4 ? [pick(TAGS)] : []),
      lifecycle_stage: pick(STAGE),
      attributes: JSON.stringify({ locale: pick(['en-GB', 'de-DE', 'fr-FR', 'es-ES']) }),
      version: 1,
    };
  }
}
