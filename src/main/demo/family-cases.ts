import { foldText } from '../search/text-folding';
import { nicknameOf } from '../dedupe/nicknames';
import {
  dateAfter,
  emailLocalPart,
  emailNameParts,
  emailToken,
  formatPhone,
  identityOf,
  LOCAL_PART_STYLES,
  postalAddress,
  Rng,
  Stream,
  streamKey,
  type Identity,
  type PostalAddress,
} from './identity';
import type { CustomerBundle, DuplicateKind, DuplicateTruth } from './synthetic-data';
import { EMAIL_DOMAINS } from './vocabulary';

/**
 * The records that make duplicate detection hard, in the shapes real customer files have them:
 * families sharing an address, a landline and sometimes one email; a father and son with one
 * name (Jr/Sr); namesakes in other towns whose mailbox names match at another provider; and the
 * true duplicates that look least alike: a nickname, a married name, a slip in the date of birth,
 * a second account made with the family's shared contact details. Deterministic like the main
 * generator, and appended after its customers (ids from `firstId`).
 */
export type SamePersonKind = Extract<
  DuplicateKind,
  'nickname' | 'married_name' | 'birth_date_slip' | 'shared_family_contact'
>;
export type DifferentPeopleKind = 'household' | 'jr_sr' | 'namesake';

export interface FamilyCasesOptions {
  seed: number;
  firstId: number;
  /** Groups of two or three records; each is one of the kinds above. */
  groups: number;
  /** Share of records that show a date of birth (default 0.7, as the main generator). */
  birthDateShare?: number;
}

export interface DifferentPeople {
  a: number;
  b: number;
  kind: DifferentPeopleKind;
}

export interface FamilyCases {
  bundles: CustomerBundle[];
  /** Pairs of records of one person (kinds: SamePersonKind). */
  truth: DuplicateTruth[];
  /** Pairs of records of different people that share much: what must not be merged. */
  different: DifferentPeople[];
}

const GROUP_KINDS: readonly [SamePersonKind | DifferentPeopleKind, number][] = [
  ['household', 0.3],
  ['jr_sr', 0.12],
  ['namesake', 0.13],
  ['nickname', 0.12],
  ['married_name', 0.12],
  ['birth_date_slip', 0.11],
  ['shared_family_contact', 0.1],
];

/** Formal given names with a common short form, per locale language. */
const FORMAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  en: ['Robert', 'William', 'Elizabeth', 'Margaret', 'Richard', 'James', 'Katherine', 'Thomas'],
  de: ['Johannes', 'Josef', 'Elisabeth', 'Ursula', 'Katharina', 'Friedrich', 'Heinrich'],
  fr: ['François', 'Guillaume', 'Isabelle', 'Frédéric', 'Stéphane', 'Dominique'],
  es: ['José', 'Francisco', 'Dolores', 'Ignacio', 'Manuel', 'Concepción', 'Enrique'],
};

interface Person {
  identity: Identity;
  given: string;
  family: string;
  suffix: string;
  birthDate: string;
  email: string | null;
  phone: string | null;
  address: PostalAddress;
}

export function generateFamilyCases(options: FamilyCasesOptions): FamilyCases {
  const birthShare = options.birthDateShare ?? 0.7;
  const identityKey = streamKey(options.seed, Stream.Family);
  const out: FamilyCases = { bundles: [], truth: [], different: [] };
  let nextId = options.firstId;
  // Address ids above any the main generator gives its customers (1.5 per customer at most 3).
  let addressId = options.firstId * 3;
  const add = (person: Person, rng: Rng, showBirth = false): number => {
    const id = nextId++;
    const name = [person.given, person.family, person.suffix].filter(Boolean).join(' ');
    const attributes: Record<string, unknown> = {
      preferred_language: person.identity.locale.language,
    };
    if (rng.chance(birthShare) || showBirth) attributes.date_of_birth = person.birthDate;
    out.bundles.push({
      customer: {
        customer_id: id,
        name,
        email: person.email,
        phone: person.phone,
        status: 'active',
        created_at: '2024-06-01T09:00:00.000Z',
        last_active: null,
        tags: [],
        lifecycle_stage: 'customer',
        attributes,
      },
      addresses: [
        {
          address_id: ++addressId,
          customer_id: id,
          kind: 'home',
          ...person.address,
          created_at: '2024-06-01T09:00:00.000Z',
        },
      ],
      orders: [],
      interactions: [],
      events: [],
      consents: [],
    });
    return id;
  };
  const same = (a: number, b: number, kind: SamePersonKind) =>
    out.truth.push({ original_id: a, duplicate_id: b, kinds: [kind] });
  const differ = (a: number, b: number, kind: DifferentPeopleKind) =>
    out.different.push({ a, b, kind });

  for (let g = 0; g < options.groups; g++) {
    const rng = Rng.keyed(identityKey, g + 1);
    const kind = weightedPick(rng, GROUP_KINDS);
    // Identities of their own: ids far above any customer's, so none repeats a main one.
    const base = personOf(identityOf(identityKey, 2 * g + 1));
    const other = identityOf(identityKey, 2 * g + 2);
    const ownContact = (person: Person, id: Identity): Person => ({
      ...person,
      email: emailFor(person, id, identityKey, rng),
      phone: id.phone ? formatPhone(id.locale, id.phone, id.phone.format) : null,
    });
    switch (kind) {
      case 'household': {
        const partner = ownContact(
          {
            ...base,
            given: otherGiven(rng, base),
            family: rng.chance(0.6) ? base.family : other.family,
            birthDate: shiftYears(base.birthDate, rng.between(-8, 8), rng),
          },
          other,
        );
        if (rng.chance(0.5)) partner.phone = base.phone;
        if (rng.chance(0.25)) partner.email = base.email;
        const a = add(base, rng);
        const b = add(partner, rng);
        differ(a, b, 'household');
        if (rng.chance(0.5)) {
          const child = ownContact(
            {
              ...base,
              given: otherGiven(rng, base, partner.given),
              birthDate: shiftYears(base.birthDate, rng.between(20, 38), rng),
            },
            identityOf(identityKey, 2 * g + 1 + 2 * options.groups),
          );
          if (rng.chance(0.3)) child.phone = base.phone;
          const c = add(child, rng);
          differ(a, c, 'household');
          differ(b, c, 'household');
        }
        break;
      }
      case 'jr_sr': {
        const suffixes = rng.pick([
          ['Sr', 'Jr'],
          ['', 'Jr'],
          ['', ''],
        ] as const);
        const father = { ...base, suffix: suffixes[0] };
        const son = ownContact(
          {
            ...base,
            suffix: suffixes[1],
            birthDate: shiftYears(base.birthDate, rng.between(22, 35), rng),
          },
          other,
        );
        if (rng.chance(0.4)) son.phone = base.phone;
        if (rng.chance(0.2)) son.email = base.email;
        // Without a suffix, the file tells father and son apart by their dates of birth; a
        // pair with neither is one record twice to any reader, and not what this case is.
        const showBirth = suffixes[1] === '';
        differ(add(father, rng, showBirth), add(son, rng, showBirth), 'jr_sr');
        break;
      }
      case 'namesake': {
        const namesake = ownContact(
          { ...personOf(other), given: base.given, family: base.family },
          other,
        );
        // The same mailbox name at another provider: john.smith@ is not one person.
        if (base.email && rng.chance(0.5)) {
          const local = base.email.slice(0, base.email.indexOf('@')).replace(/\d+$/, '');
          namesake.email = `${local}@${otherDomain(base.email, rng)}`;
          base.email = `${local}@${base.email.slice(base.email.indexOf('@') + 1)}`;
        }
        differ(add(base, rng), add(namesake, rng), 'namesake');
        break;
      }
      case 'nickname': {
        const formal = {
          ...base,
          given: rng.pick(FORMAL_NAMES[languageOf(base)] ?? FORMAL_NAMES.en ?? []),
        };
        const short = nicknameOf(foldText(formal.given)) ?? formal.given;
        const second = { ...formal, given: short.charAt(0).toUpperCase() + short.slice(1) };
        if (rng.chance(0.3)) second.email = otherMailbox(formal.email, rng);
        if (rng.chance(0.4)) second.phone = null;
        if (rng.chance(0.3)) second.address = postalAddress(rng, base.identity.locale);
        same(add(formal, rng), add(second, rng), 'nickname');
        break;
      }
      case 'married_name': {
        const newFamily = rng.chance(0.3) ? `${base.family}-${other.family}` : other.family;
        const married = { ...base, family: newFamily };
        if (rng.chance(0.6)) married.email = emailFor(married, base.identity, identityKey, rng);
        if (rng.chance(0.3)) married.phone = null;
        if (rng.chance(0.5)) married.address = postalAddress(rng, base.identity.locale);
        same(add(base, rng), add(married, rng), 'married_name');
        break;
      }
      case 'birth_date_slip': {
        const slipped = { ...base, birthDate: slipBirthDate(base.birthDate, rng) };
        if (rng.chance(0.5)) slipped.email = otherMailbox(base.email, rng);
        if (rng.chance(0.3)) slipped.phone = null;
        same(add(base, rng), add(slipped, rng), 'birth_date_slip');
        break;
      }
      case 'shared_family_contact': {
        // A second account opened with the household's email and landline, not one's own.
        const partner = ownContact(
          {
            ...base,
            given: otherGiven(rng, base),
            birthDate: shiftYears(base.birthDate, rng.between(-8, 8), rng),
          },
          other,
        );
        const second = { ...base, email: partner.email, phone: partner.phone };
        const a = add(base, rng);
        const p = add(partner, rng);
        const b = add(second, rng);
        same(a, b, 'shared_family_contact');
        differ(a, p, 'household');
        differ(p, b, 'household');
        break;
      }
      default:
        throw new Error(`Unknown group kind ${kind as string}.`);
    }
  }
  return out;
}

function personOf(identity: Identity): Person {
  return {
    identity,
    given: identity.given,
    family: identity.family,
    suffix: '',
    birthDate: identity.birthDate,
    email: identity.email,
    phone: identity.phone
      ? formatPhone(identity.locale, identity.phone, identity.phone.format)
      : null,
    address: identity.address,
  };
}

const languageOf = (person: Person): string => person.identity.locale.language.slice(0, 2);

function otherGiven(rng: Rng, person: Person, also = ''): string {
  const names = person.identity.locale.givenNames.filter(
    (n) => foldText(n) !== foldText(person.given) && n !== also,
  );
  return rng.pick(names);
}

/** A name-based address ending in the token of identity `id`: unique to it, as people's are. */
function emailFor(person: Person, id: Identity, identityKey: number, rng: Rng): string {
  const local = emailLocalPart(
    emailNameParts({ locale: id.locale, given: person.given, family: person.family }),
    emailToken(identityKey, id.id),
    rng.int(LOCAL_PART_STYLES),
  );
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}

function otherDomain(email: string, rng: Rng): string {
  const domain = email.slice(email.indexOf('@') + 1);
  return rng.pick(EMAIL_DOMAINS.filter((d) => d !== domain));
}

function otherMailbox(email: string | null, rng: Rng): string | null {
  if (!email) return null;
  return `${email.slice(0, email.indexOf('@'))}@${otherDomain(email, rng)}`;
}

function shiftYears(date: string, years: number, rng: Rng): string {
  const shifted = Date.UTC(Number(date.slice(0, 4)) + years, 0, 1);
  return dateAfter(shifted, rng.int(365));
}

/** Day and month swapped (where that is a date), the year one off, or one digit of the day. */
function slipBirthDate(date: string, rng: Rng): string {
  const [year, month, day] = date.split('-');
  const choice = rng.int(3);
  if (choice === 0 && Number(day) <= 12 && day !== month) return `${year}-${day}-${month}`;
  if (choice <= 1) return `${String(Number(year) + rng.pick([-1, 1]))}-${month}-${day}`;
  const digit = String((Number(day?.charAt(1)) + rng.between(1, 8)) % 10);
  const slipped = `${day?.charAt(0) ?? '0'}${digit}`;
  return `${year}-${month}-${slipped === '00' ? '01' : slipped}`;
}

function weightedPick<T>(rng: Rng, items: readonly [T, number][]): T {
  let roll = rng.float() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, weight] of items) {
    if (roll < weight) return item;
    roll -= weight;
  }
  const last = items.at(-1);
  if (!last) throw new Error('No items to pick from.');
  return last[0];
}
