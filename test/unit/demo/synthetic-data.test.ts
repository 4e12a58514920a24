import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHILD_RATIOS,
  duplicateTruth,
  generateCustomers,
  type CentralAddress,
  type CentralCustomer,
  type CustomerBundle,
  type DuplicateTruth,
  type SyntheticOptions,
} from '../../../src/main/demo/synthetic-data';

function take(options: SyntheticOptions, count = options.customers): CustomerBundle[] {
  const bundles: CustomerBundle[] = [];
  for (const bundle of generateCustomers(options)) {
    if (bundles.length === count) break;
    bundles.push(bundle);
  }
  return bundles;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const tokens = (name: string): string[] => name.split(' ').sort();

const CALLING_CODES: Record<string, string> = { GB: '44', DE: '49', FR: '33', US: '1', ES: '34' };

/** Reads a phone the way a person would, independently of the generator's own formatting. */
function toE164(written: string, country: string): string {
  const compact = written.replace('(0)', '');
  const digits = compact.replace(/\D/g, '');
  if (compact.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (country === 'US') return digits.length === 11 ? digits : `1${digits}`;
  if (country === 'ES') return `34${digits}`;
  return `${CALLING_CODES[country] ?? ''}${digits.replace(/^0/, '')}`;
}

const PLAUSIBLE_E164: Record<string, RegExp> = {
  GB: /^44[127]\d{9}$/,
  DE: /^49(?:[2-9]\d{6,10}|1[5-7]\d{8,9})$/,
  FR: /^33[1-9]\d{8}$/,
  US: /^1[2-9]\d{2}[2-9]\d{6}$/,
  ES: /^34[6-9]\d{8}$/,
};

/** Regulators' ranges for fiction; Spain has none. */
const FICTIONAL: Record<string, RegExp> = {
  GB: /^44(?:7700900|1[1-9]{2}496[0-9]|1914980|2079460|2920180|1632960)\d{3}$/,
  DE: /^49(?:3023125|6990009|4066969|2214710|8999998)\d{3}$/,
  FR: /^33(?:19900|26191|35301|46571|53649|63998)\d{4}$/,
  US: /^1\d{3}55501\d{2}$/,
};

const EMAIL = /^[a-z0-9](?:[a-z0-9_+-]|\.(?!\.))*@(?:[a-z0-9-]+\.)*example\.(?:com|org|net)$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const sameAddress = (a: CentralAddress, b: CentralAddress): boolean =>
  a.line1 === b.line1 &&
  a.line2 === b.line2 &&
  a.city === b.city &&
  a.region === b.region &&
  a.postcode === b.postcode &&
  a.country === b.country;

function firstAddress(bundle: CustomerBundle): CentralAddress {
  const address = bundle.addresses[0];
  if (!address) throw new Error(`customer ${bundle.customer.customer_id} has no address`);
  return address;
}

describe('synthetic customer data', () => {
  const small: SyntheticOptions = { customers: 5_000, seed: 20_240_607 };
  const large: SyntheticOptions = { customers: 20_000, seed: 77 };
  let sample: CustomerBundle[];
  let people: { customer: CentralCustomer; address: CentralAddress; active: boolean }[];
  let truth: DuplicateTruth[];

  beforeAll(() => {
    sample = take(small);
    people = [];
    for (const bundle of generateCustomers(large)) {
      const active = bundle.orders.length + bundle.events.length + bundle.interactions.length > 0;
      people.push({ customer: bundle.customer, address: firstAddress(bundle), active });
    }
    truth = duplicateTruth(large);
  });

  const person = (id: number) => {
    const found = people[id - 1];
    if (!found) throw new Error(`no customer ${id}`);
    return found;
  };

  it('gives identical bundles for the same seed and different ones for another seed', () => {
    const first = JSON.stringify(take({ customers: 1_000, seed: 1 }, 200));
    expect(JSON.stringify(take({ customers: 1_000, seed: 1 }, 200))).toBe(first);
    expect(JSON.stringify(take({ customers: 1_000, seed: 2 }, 200))).not.toBe(first);
    expect(duplicateTruth({ customers: 1_000, seed: 1 })).toEqual(
      duplicateTruth({ customers: 1_000, seed: 1 }),
    );
  });

  it('produces exactly the pinned bytes, so every machine and Node version seeds the same data', () => {
    // Changing a word list or a draw changes this digest: update it deliberately, never casually.
    const options = { customers: 2_000, seed: 424_242 };
    const digest = createHash('sha256');
    for (const bundle of generateCustomers(options)) digest.update(JSON.stringify(bundle));
    digest.update(JSON.stringify(duplicateTruth(options)));
    expect(digest.digest('hex')).toBe(
      'b50426f56a7e206e8417e4f662c88ba1a39d3954ff5dd2e7bda4459dfed27161',
    );
  });

  it('numbers customers 1..N and each child table densely in generation order', () => {
    expect(sample.map((b) => b.customer.customer_id)).toEqual(
      Array.from({ length: small.customers }, (_, i) => i + 1),
    );
    const children = {
      addresses: sample.flatMap((b) => b.addresses.map((r) => [r.address_id, r.customer_id])),
      orders: sample.flatMap((b) => b.orders.map((r) => [r.order_id, r.customer_id])),
      interactions: sample.flatMap((b) =>
        b.interactions.map((r) => [r.interaction_id, r.customer_id]),
      ),
      events: sample.flatMap((b) => b.events.map((r) => [r.event_id, r.customer_id])),
      consents: sample.flatMap((b) => b.consents.map((r) => [r.consent_id, r.customer_id])),
    };
    for (const rows of Object.values(children)) {
      expect(rows.map(([id]) => id)).toEqual(rows.map((_, i) => i + 1));
    }
    for (const bundle of sample) {
      const id = bundle.customer.customer_id;
      const own = [
        ...bundle.addresses,
        ...bundle.orders,
        ...bundle.interactions,
        ...bundle.events,
        ...bundle.consents,
      ];
      expect(own.every((row) => row.customer_id === id)).toBe(true);
    }
  });

  it('has children per customer within 15% of CHILD_RATIOS', () => {
    const count = (pick: (b: CustomerBundle) => unknown[]) =>
      sample.reduce((sum, b) => sum + pick(b).length, 0) / sample.length;
    const measured = {
      addresses: count((b) => b.addresses),
      orders: count((b) => b.orders),
      interactions: count((b) => b.interactions),
      events: count((b) => b.events),
      consents: count((b) => b.consents),
    };
    for (const [table, mean] of Object.entries(CHILD_RATIOS)) {
      expect(measured[table as keyof typeof measured], table).toBeGreaterThan(mean * 0.85);
      expect(measured[table as keyof typeof measured], table).toBeLessThan(mean * 1.15);
    }
    expect(sample.every((b) => b.addresses.length >= 1)).toBe(true);
  });

  it('makes the requested share of customers duplicates, within one percentage point', () => {
    expect(Math.abs(truth.length / large.customers - 0.05)).toBeLessThan(0.01);
    for (const share of [0.1, 0.3]) {
      const pairs = duplicateTruth({ ...large, duplicateShare: share });
      expect(Math.abs(pairs.length / large.customers - share)).toBeLessThan(0.01);
    }
    expect(duplicateTruth({ ...large, duplicateShare: 0 })).toEqual([]);
  });

  it('pairs each duplicate with one earlier original that is not itself a duplicate', () => {
    const duplicates = new Set(truth.map((t) => t.duplicate_id));
    const originals = new Set(truth.map((t) => t.original_id));
    expect(duplicates.size).toBe(truth.length);
    expect(originals.size).toBe(truth.length);
    for (const pair of truth) {
      expect(pair.original_id).toBeGreaterThanOrEqual(1);
      expect(pair.original_id).toBeLessThan(pair.duplicate_id);
      expect(pair.duplicate_id).toBeLessThanOrEqual(large.customers);
      expect(duplicates.has(pair.original_id)).toBe(false);
      expect(pair.kinds.length).toBeGreaterThanOrEqual(1);
      expect(pair.kinds.length).toBeLessThanOrEqual(2);
      expect(
        person(pair.original_id).customer.created_at <=
          person(pair.duplicate_id).customer.created_at,
      ).toBe(true);
    }
  });

  it('applies every kind visibly and leaves the other fields equal', () => {
    const seen = new Set<string>();
    for (const { original_id, duplicate_id, kinds } of truth) {
      kinds.forEach((kind) => seen.add(kind));
      const o = person(original_id);
      const d = person(duplicate_id);
      const context = `${original_id} → ${duplicate_id} (${kinds.join(', ')})`;
      if (kinds.includes('typo')) {
        expect(levenshtein(o.customer.name, d.customer.name), context).toBeGreaterThanOrEqual(1);
        expect(levenshtein(o.customer.name, d.customer.name), context).toBeLessThanOrEqual(2);
      } else if (kinds.includes('swapped_name_parts')) {
        expect(d.customer.name, context).not.toBe(o.customer.name);
        expect(tokens(d.customer.name), context).toEqual(tokens(o.customer.name));
      } else {
        expect(d.customer.name, context).toBe(o.customer.name);
      }
      if (kinds.includes('reformatted_phone')) {
        const country = o.address.country;
        expect(o.customer.phone, context).not.toBeNull();
        expect(d.customer.phone, context).not.toBe(o.customer.phone);
        expect(toE164(d.customer.phone ?? '', country), context).toBe(
          toE164(o.customer.phone ?? '', country),
        );
      } else {
        expect(d.customer.phone, context).toBe(o.customer.phone);
      }
      if (kinds.includes('other_email')) {
        expect(o.customer.email, context).not.toBeNull();
        expect(d.customer.email?.toLowerCase(), context).not.toBe(o.customer.email?.toLowerCase());
      } else {
        expect(d.customer.email, context).toBe(o.customer.email);
      }
      if (kinds.includes('moved_address')) {
        expect(sameAddress(o.address, d.address), context).toBe(false);
        expect(d.address.country, context).toBe(o.address.country);
      } else {
        expect(sameAddress(o.address, d.address), context).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(
      ['moved_address', 'other_email', 'reformatted_phone', 'swapped_name_parts', 'typo'].sort(),
    );
  });

  it('keeps duplicates findable: two of name, email, phone digits and address still match', () => {
    for (const { original_id, duplicate_id } of truth) {
      const o = person(original_id);
      const d = person(duplicate_id);
      const country = o.address.country;
      const matches = [
        o.customer.name === d.customer.name,
        o.customer.email !== null && o.customer.email === d.customer.email,
        o.customer.phone !== null &&
          d.customer.phone !== null &&
          toE164(o.customer.phone, country) === toE164(d.customer.phone, country),
        sameAddress(o.address, d.address),
      ];
      expect(
        matches.filter(Boolean).length,
        `${original_id} → ${duplicate_id}`,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives some duplicates activity of their own and leaves others quiet', () => {
    const active = truth.filter((t) => person(t.duplicate_id).active).length;
    expect(active / truth.length).toBeGreaterThan(0.3);
    expect(active / truth.length).toBeLessThan(0.7);
  });

  it('writes valid emails on example domains, shared only within a duplicate pair', () => {
    const owners = new Map<string, number[]>();
    for (const { customer } of people) {
      if (customer.email === null) continue;
      expect(customer.email).toMatch(EMAIL);
      const key = customer.email.toLowerCase();
      owners.set(key, [...(owners.get(key) ?? []), customer.customer_id]);
    }
    const pairs = new Set(truth.map((t) => `${t.original_id},${t.duplicate_id}`));
    for (const ids of owners.values()) {
      if (ids.length > 1) expect(ids.length === 2 && pairs.has(ids.join(','))).toBe(true);
    }
  });

  it('writes phones in varied formats that read as E.164 for the customer’s country', () => {
    const formats = new Set<string>();
    for (const { customer, address } of people) {
      if (customer.phone === null) continue;
      const e164 = toE164(customer.phone, address.country);
      expect(e164, `${customer.phone} (${address.country})`).toMatch(
        PLAUSIBLE_E164[address.country] ?? /^$/,
      );
      const fictional = FICTIONAL[address.country];
      if (fictional) expect(e164, customer.phone).toMatch(fictional);
      formats.add(customer.phone.replace(/\d/g, '9'));
    }
    expect(formats.size).toBeGreaterThan(20);
  });

  it('leaves email or phone empty for a few percent of customers', () => {
    const noEmail = people.filter((p) => p.customer.email === null).length / people.length;
    const noPhone = people.filter((p) => p.customer.phone === null).length / people.length;
    for (const share of [noEmail, noPhone]) {
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.08);
    }
  });

  it('draws names and addresses from several countries, with accents, apostrophes and hyphens', () => {
    const names = people.map((p) => p.customer.name);
    expect(names.some((n) => /[^ -~]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes('-'))).toBe(true);
    expect(new Set(people.map((p) => p.address.country))).toEqual(
      new Set(['GB', 'DE', 'FR', 'US', 'ES']),
    );
    const postcodes: Record<string, RegExp> = {
      GB: /^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/,
      DE: /^\d{5}$/,
      FR: /^\d{5}$/,
      US: /^\d{5}$/,
      ES: /^\d{5}$/,
    };
    for (const { address } of people) {
      if (address.postcode !== null) {
        expect(address.postcode).toMatch(postcodes[address.country] ?? /^$/);
      }
    }
  });

  it('writes ISO timestamps inside 2018–2025, children never before sign-up', () => {
    const inEpoch = (stamp: string) => {
      expect(stamp).toMatch(ISO);
      expect(new Date(stamp).toISOString()).toBe(stamp);
      expect(stamp >= '2018-01-01T00:00:00.000Z' && stamp <= '2025-12-31T23:59:59.999Z').toBe(true);
    };
    for (const b of sample) {
      const created = b.customer.created_at;
      const stamps = [
        b.customer.last_active,
        ...b.addresses.map((r) => r.created_at),
        ...b.orders.map((r) => r.placed_at),
        ...b.interactions.map((r) => r.occurred_at),
        ...b.events.map((r) => r.occurred_at),
        ...b.consents.flatMap((r) => [r.granted_at, r.withdrawn_at, r.updated_at]),
      ].filter((stamp): stamp is string => stamp !== null);
      inEpoch(created);
      for (const stamp of stamps) {
        inEpoch(stamp);
        expect(stamp >= created).toBe(true);
      }
    }
    const created = sample.map((b) => b.customer.created_at);
    expect(created).toEqual([...created].sort());
  });

  it('records consents granted, refused and withdrawn consistently', () => {
    const consents = sample.flatMap((b) => b.consents);
    const withdrawn = consents.filter((c) => c.withdrawn_at !== null);
    expect(withdrawn.length / consents.length).toBeGreaterThan(0.1);
    for (const c of withdrawn) {
      expect(c.granted).toBe(false);
      expect(c.granted_at).not.toBeNull();
      expect((c.withdrawn_at ?? '') >= (c.granted_at ?? '')).toBe(true);
      expect(c.updated_at).toBe(c.withdrawn_at);
    }
    for (const c of consents.filter((c) => c.granted)) expect(c.granted_at).not.toBeNull();
    for (const b of sample) {
      expect(new Set(b.consents.map((c) => c.purpose)).size).toBe(b.consents.length);
    }
  });

  it('gives events nested JSON metadata that round-trips, with documentation IPs', () => {
    const events = sample.flatMap((b) => b.events);
    const types = new Set(events.map((e) => e.event_type));
    for (const type of [
      'page_view',
      'login',
      'purchase',
      'email_open',
      'support_ticket',
      'password_reset',
    ]) {
      expect(types).toContain(type);
    }
    for (const event of events) {
      expect(JSON.parse(JSON.stringify(event.metadata))).toEqual(event.metadata);
      expect(event.metadata.ip).toMatch(/^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/);
      expect(event.metadata.session).toEqual({
        id: expect.any(String),
        duration_s: expect.any(Number),
      });
      expect(typeof event.metadata.user_agent).toBe('string');
    }
    expect(events.some((e) => typeof e.metadata.utm === 'object')).toBe(true);
    for (const b of sample) {
      expect(JSON.parse(JSON.stringify(b.customer.attributes))).toEqual(b.customer.attributes);
    }
  });

  it('rejects options it cannot honour', () => {
    const first = (options: SyntheticOptions) => () => generateCustomers(options).next();
    expect(first({ customers: -1, seed: 1 })).toThrow(RangeError);
    expect(first({ customers: 1.5, seed: 1 })).toThrow(RangeError);
    expect(first({ customers: 10, seed: 0.5 })).toThrow(RangeError);
    expect(first({ customers: 10, seed: 1, duplicateShare: 0.31 })).toThrow(RangeError);
    expect(() => duplicateTruth({ customers: 10, seed: 1, duplicateShare: -0.1 })).toThrow(
      RangeError,
    );
    expect(take({ customers: 0, seed: 1 })).toEqual([]);
  });

  it('holds nothing as it streams: heap after 60k bundles is what it was after 10k', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const stream = generateCustomers({ customers: 1_000_000, seed: 5 });
    const advance = (count: number) => {
      for (let i = 0; i < count; i++) stream.next();
    };
    advance(10_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    advance(50_000);
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 1024 * 1024);
  });
});
