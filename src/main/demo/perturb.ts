import {
  contactPresence,
  emailLocalPart,
  emailNameParts,
  emailToken,
  formatPhone,
  fullName,
  LOCAL_PART_STYLES,
  postalAddress,
  Rng,
  type ContactPresence,
  type Identity,
  type PostalAddress,
} from './identity';
import { EMAIL_DOMAINS, STRIPPED_MARK } from './vocabulary';
import type { DuplicateKind } from './synthetic-data';

export interface DuplicatePlan {
  originalId: number;
  kinds: DuplicateKind[];
}

/** The fields of a customer a duplicate detector compares. */
export interface ContactCard {
  name: string;
  email: string | null;
  phone: string | null;
  address: PostalAddress;
}

/**
 * Originals lie at most this many ids before their duplicate. Duplicates re-derive the original
 * from its id, so the window only bounds this planner's bookkeeping (one byte per id), not memory
 * for customers; it is wide so that duplicates are not simply neighbours of their originals.
 */
const WINDOW = 65_536;
const FREE = 0;
const DUPLICATE = 1;
const CLAIMED = 2;
const ATTEMPTS = 8;
const SECOND_KIND_SHARE = 0.35;

const KIND_ORDER: readonly DuplicateKind[] = [
  'typo',
  'swapped_name_parts',
  'reformatted_phone',
  'other_email',
  'moved_address',
];

/**
 * Decides, id by id, which customers are duplicates and of whom. Both the generator and
 * duplicateTruth run it over the same ids, so they agree without generating anything else. Each
 * original has one duplicate at most and is never itself a duplicate, so the truth is a set of
 * disjoint pairs.
 */
export class DuplicatePlanner {
  private readonly roles = new Uint8Array(WINDOW);
  private readonly rng: Rng;
  private nextId = 1;

  constructor(
    planKey: number,
    private readonly identityKey: number,
    private readonly share: number,
  ) {
    this.rng = Rng.keyed(planKey, 0);
  }

  /** Must be called for ids 1, 2, 3, … in order. */
  planFor(id: number): DuplicatePlan | null {
    if (id !== this.nextId) throw new Error(`Plans run in id order: expected ${this.nextId}.`);
    this.nextId++;
    const slot = id % WINDOW;
    this.roles[slot] = FREE;
    if (id === 1 || !this.rng.chance(this.share)) return null;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const originalId = id - 1 - this.rng.int(Math.min(WINDOW - 1, id - 1));
      if (this.roles[originalId % WINDOW] !== FREE) continue;
      const kinds = chooseKinds(this.rng, contactPresence(this.identityKey, originalId));
      if (!kinds) continue;
      this.roles[originalId % WINDOW] = CLAIMED;
      this.roles[slot] = DUPLICATE;
      return { originalId, kinds };
    }
    return null;
  }
}

const isNameKind = (kind: DuplicateKind): boolean =>
  kind === 'typo' || kind === 'swapped_name_parts';

function chooseKinds(rng: Rng, presence: ContactPresence): DuplicateKind[] | null {
  const applicable = KIND_ORDER.filter((kind) =>
    kind === 'reformatted_phone'
      ? presence.hasPhone
      : kind === 'other_email'
        ? presence.hasEmail
        : true,
  );
  const first = rng.pick(applicable);
  const kinds = [first];
  if (rng.chance(SECOND_KIND_SHARE)) {
    // Two name edits at once would be neither a clean typo nor a clean swap.
    const companions = applicable.filter(
      (k) => k !== first && !(isNameKind(k) && isNameKind(first)),
    );
    kinds.push(rng.pick(companions));
  }
  if (stillFindable(kinds, presence)) return KIND_ORDER.filter((kind) => kinds.includes(kind));
  return stillFindable([first], presence) ? [first] : null;
}

/**
 * A duplicate must stay findable: at least two of name, email, phone digits and address still
 * match exactly. With at most two kinds this also means name, email and phone never all change.
 */
function stillFindable(kinds: readonly DuplicateKind[], presence: ContactPresence): boolean {
  const intact = [
    !kinds.some(isNameKind),
    presence.hasEmail && !kinds.includes('other_email'),
    presence.hasPhone, // reformatting keeps the digits
    !kinds.includes('moved_address'),
  ];
  return intact.filter(Boolean).length >= 2;
}

export function cardOf(identity: Identity): ContactCard {
  return {
    name: fullName(identity),
    email: identity.email,
    phone: identity.phone
      ? formatPhone(identity.locale, identity.phone, identity.phone.format)
      : null,
    address: identity.address,
  };
}

/** The original's card with each kind visibly applied and everything else left equal. */
export function duplicateCard(
  original: Identity,
  kinds: readonly DuplicateKind[],
  rng: Rng,
  identityKey: number,
): ContactCard {
  const card = cardOf(original);
  for (const kind of kinds) {
    switch (kind) {
      case 'typo':
        card.name = withTypo(card.name, rng);
        break;
      case 'swapped_name_parts':
        card.name = `${original.family} ${original.given}`;
        break;
      case 'reformatted_phone':
        card.phone = reformattedPhone(original, card.phone, rng);
        break;
      case 'other_email':
        card.email = otherEmail(original, card.email, rng, identityKey);
        break;
      case 'moved_address':
        card.address = movedAddress(original, rng);
        break;
    }
  }
  return card;
}

const isLetter = (char: string): boolean => char.toLowerCase() !== char.toUpperCase();

/**
 * One slip of the keyboard on a letter inside a word (first letters are rarely mistyped, and
 * keeping them keeps blocking keys intact): substitution, transposition, deletion, a doubled
 * letter or a dropped accent. Levenshtein distance 1, or 2 for a transposition.
 */
export function withTypo(name: string, rng: Rng): string {
  const positions: number[] = [];
  for (let i = 1; i < name.length; i++) {
    if (isLetter(name.charAt(i)) && isLetter(name.charAt(i - 1))) positions.push(i);
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = rng.pick(positions);
    const edited = editAt(name, i, rng);
    if (edited !== name) return edited;
  }
  const i = rng.pick(positions);
  return name.slice(0, i) + name.slice(i + 1);
}

function editAt(name: string, i: number, rng: Rng): string {
  const char = name.charAt(i);
  const before = name.slice(0, i);
  const after = name.slice(i + 1);
  switch (rng.int(5)) {
    case 0: {
      const letter = String.fromCharCode(97 + rng.int(26));
      return before + (char === char.toUpperCase() ? letter.toUpperCase() : letter) + after;
    }
    case 1: {
      const next = name.charAt(i + 1);
      return isLetter(next) ? before + next + char + name.slice(i + 2) : name;
    }
    case 2:
      return before + after;
    case 3:
      return before + char + char + after;
    default:
      return before + (STRIPPED_MARK[char] ?? char) + after;
  }
}

function reformattedPhone(original: Identity, written: string | null, rng: Rng): string | null {
  const phone = original.phone;
  if (!phone || written === null) return written;
  const formats = original.locale.phoneFormats.length;
  const start = 1 + rng.int(formats - 1);
  for (let step = 0; step < formats - 1; step++) {
    const rewritten = formatPhone(original.locale, phone, phone.format + start + step);
    if (rewritten !== written) return rewritten;
  }
  throw new Error('Every phone format wrote the same string.');
}

const PLUS_TAGS = ['shop', 'news', 'orders', 'promo', 'receipts'];

/** Another mailbox of the same person: another provider, a plus tag, or another name style. */
function otherEmail(
  original: Identity,
  email: string | null,
  rng: Rng,
  identityKey: number,
): string | null {
  if (email === null) return email;
  const [local = '', domain = ''] = email.split('@');
  for (let attempt = 0; attempt < 10; attempt++) {
    const candidate = emailVariant(original, local, domain, rng, identityKey);
    if (candidate.toLowerCase() !== email.toLowerCase()) return candidate;
  }
  return `${local}+${rng.pick(PLUS_TAGS)}@${domain}`;
}

function emailVariant(
  original: Identity,
  local: string,
  domain: string,
  rng: Rng,
  identityKey: number,
): string {
  switch (rng.int(3)) {
    case 0:
      return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
    case 1:
      return `${local}+${rng.pick(PLUS_TAGS)}@${domain}`;
    default: {
      const token = emailToken(identityKey, original.id);
      const style = rng.int(LOCAL_PART_STYLES);
      return `${emailLocalPart(emailNameParts(original), token, style)}@${rng.pick(EMAIL_DOMAINS)}`;
    }
  }
}

function movedAddress(original: Identity, rng: Rng): PostalAddress {
  const before = original.address;
  for (;;) {
    const next = postalAddress(rng, original.locale);
    if (next.line1 !== before.line1 || next.city !== before.city) return next;
  }
}
