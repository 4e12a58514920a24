import {
  identityOf,
  MAX_CUSTOMERS,
  postalAddress,
  Rng,
  Stream,
  streamKey,
  type Identity,
  type PostalAddress,
} from './identity';
import { cardOf, duplicateCard, DuplicatePlanner, type DuplicatePlan } from './perturb';
import {
  CAMPAIGNS,
  CONSENT_SOURCES,
  DOCUMENTATION_NETWORKS,
  INTERACTION_SUMMARIES,
  PAGE_PATHS,
  REFERRERS,
  TAG_RATES,
  TICKET_TOPICS,
  USER_AGENTS,
  UTM_MEDIUMS,
  UTM_SOURCES,
  type Locale,
} from './vocabulary';

/**
 * Deterministic synthetic customers for the central database: the same options give the same
 * bytes on every machine (integer-only PRNG, dates from a fixed epoch, no clock). Customers stream
 * one bundle at a time; a known share are deliberate duplicates whose ground truth duplicateTruth
 * returns without generating anything else.
 *
 * A customer's identity (name, email, phone, first address) is a pure function of the seed and
 * its id, so a duplicate re-derives its original, anywhere up to 65,535 ids earlier, instead of
 * keeping it in memory. Phone numbers come from regulators' fictional ranges, which are small:
 * beyond a few thousand customers per country unrelated customers share numbers, so a phone alone
 * is not evidence of a duplicate. Emails are unique per person.
 */

export interface SyntheticOptions {
  customers: number;
  seed: number;
  /** Share of customers that duplicate an earlier one; default 0.05, at most 0.3. */
  duplicateShare?: number;
}

export interface CentralCustomer {
  customer_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: 'active' | 'inactive' | 'churned';
  created_at: string;
  last_active: string | null;
  tags: string[];
  lifecycle_stage: 'lead' | 'prospect' | 'customer' | 'advocate';
  attributes: Record<string, unknown>;
}

export interface CentralAddress {
  address_id: number;
  customer_id: number;
  kind: 'billing' | 'shipping' | 'home';
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  /** ISO 3166 alpha-2. */
  country: string;
  created_at: string;
}

export interface CentralOrder {
  order_id: number;
  customer_id: number;
  placed_at: string;
  status: 'placed' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
  total_cents: number;
  currency: string;
}

export interface CentralInteraction {
  interaction_id: number;
  customer_id: number;
  channel: 'email' | 'phone' | 'chat' | 'in_store';
  occurred_at: string;
  summary: string;
}

export interface CentralEvent {
  event_id: number;
  customer_id: number;
  event_type: string;
  occurred_at: string;
  metadata: Record<string, unknown>;
}

export interface CentralConsent {
  consent_id: number;
  customer_id: number;
  purpose: 'marketing_email' | 'marketing_sms' | 'profiling' | 'third_party_sharing';
  granted: boolean;
  source: string;
  granted_at: string | null;
  withdrawn_at: string | null;
  updated_at: string;
}

export interface CustomerBundle {
  customer: CentralCustomer;
  addresses: CentralAddress[];
  orders: CentralOrder[];
  interactions: CentralInteraction[];
  events: CentralEvent[];
  consents: CentralConsent[];
}

/** How a duplicate differs from its original; the last four are made by family-cases.ts. */
export type DuplicateKind =
  | 'typo'
  | 'swapped_name_parts'
  | 'reformatted_phone'
  | 'other_email'
  | 'moved_address'
  | 'nickname'
  | 'married_name'
  | 'birth_date_slip'
  | 'shared_family_contact';

export interface DuplicateTruth {
  original_id: number;
  duplicate_id: number;
  kinds: DuplicateKind[];
}

/**
 * Mean children per customer over a whole data set, duplicates included: 1.5 addresses, 3 orders,
 * 2 interactions, 8 events, 2 consents (the same mix as bench/sync).
 */
export const CHILD_RATIOS = {
  addresses: 1.5,
  orders: 3,
  interactions: 2,
  events: 8,
  consents: 2,
} as const;

const DEFAULT_DUPLICATE_SHARE = 0.05;
/**
 * Each original has one duplicate at most, so above about 30% the planner runs short of free
 * originals and delivers less than asked; real data rarely has more than a few percent.
 */
const MAX_DUPLICATE_SHARE = 0.3;
const EPOCH_START = Date.UTC(2018, 0, 1);
/** The last second of 2025: every timestamp falls in 2018-01-01 … 2025-12-31. */
const EPOCH_END = Date.UTC(2026, 0, 1) - 1000;
/** Half the duplicates are forgotten second accounts with no activity of their own. */
const QUIET_DUPLICATE_SHARE = 0.5;
/** Only customers and advocates have ordered; leads and prospects have not. */
const BUYER_SHARE = 0.7;

interface Settings {
  customers: number;
  identityKey: number;
  activityKey: number;
  perturbKey: number;
  planKey: number;
  duplicateShare: number;
  slotMs: number;
  /** Means for customers with activity, raised so quiet duplicates keep CHILD_RATIOS exact. */
  extraOrdersPerBuyer: number;
  interactionsMean: number;
  eventsMean: number;
}

function settingsFor(options: SyntheticOptions): Settings {
  const { customers, seed } = options;
  const duplicateShare = options.duplicateShare ?? DEFAULT_DUPLICATE_SHARE;
  if (!Number.isInteger(customers) || customers < 0 || customers > MAX_CUSTOMERS) {
    throw new RangeError(`customers must be an integer from 0 to ${MAX_CUSTOMERS}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a safe integer.');
  if (!(duplicateShare >= 0 && duplicateShare <= MAX_DUPLICATE_SHARE)) {
    throw new RangeError(`duplicateShare must be between 0 and ${MAX_DUPLICATE_SHARE}.`);
  }
  const active = 1 - duplicateShare * QUIET_DUPLICATE_SHARE;
  return {
    customers,
    identityKey: streamKey(seed, Stream.Identity),
    activityKey: streamKey(seed, Stream.Activity),
    perturbKey: streamKey(seed, Stream.Perturb),
    planKey: streamKey(seed, Stream.Plan),
    duplicateShare,
    slotMs: (EPOCH_END - EPOCH_START) / Math.max(customers, 1),
    extraOrdersPerBuyer: CHILD_RATIOS.orders / (active * BUYER_SHARE) - 1,
    interactionsMean: CHILD_RATIOS.interactions / active,
    eventsMean: CHILD_RATIOS.events / active,
  };
}

/** Child ids run globally in generation order, as they would from identity columns. */
interface IdCounters {
  address: number;
  order: number;
  interaction: number;
  event: number;
  consent: number;
}

/** Streams customers 1..N with their children; memory stays flat however many are drawn. */
export function* generateCustomers(options: SyntheticOptions): Generator<CustomerBundle> {
  const settings = settingsFor(options);
  const planner = plannerFor(settings);
  const counters: IdCounters = { address: 0, order: 0, interaction: 0, event: 0, consent: 0 };
  for (let id = 1; id <= settings.customers; id++) {
    yield bundleFor(id, planner.planFor(id), settings, counters);
  }
}

/** Which customers are duplicates of which, and how they differ; the same for the same options. */
export function duplicateTruth(options: SyntheticOptions): DuplicateTruth[] {
  const settings = settingsFor(options);
  const planner = plannerFor(settings);
  const truth: DuplicateTruth[] = [];
  for (let id = 1; id <= settings.customers; id++) {
    const plan = planner.planFor(id);
    if (plan) truth.push({ original_id: plan.originalId, duplicate_id: id, kinds: plan.kinds });
  }
  return truth;
}

function plannerFor(settings: Settings): DuplicatePlanner {
  return new DuplicatePlanner(settings.planKey, settings.identityKey, settings.duplicateShare);
}

function bundleFor(
  id: number,
  plan: DuplicatePlan | null,
  settings: Settings,
  counters: IdCounters,
): CustomerBundle {
  const rng = Rng.keyed(settings.activityKey, id);
  const identity = identityOf(settings.identityKey, plan ? plan.originalId : id);
  const card = plan
    ? duplicateCard(identity, plan.kinds, Rng.keyed(settings.perturbKey, id), settings.identityKey)
    : cardOf(identity);
  const quiet = plan !== null && rng.chance(QUIET_DUPLICATE_SHARE);
  // Ids follow sign-up order, so a duplicate is always created after its original.
  const createdMs = secondOf(EPOCH_START + Math.floor((id - 1 + rng.float()) * settings.slotMs));
  const lifecycle = quiet ? 'lead' : weighted(rng, LIFECYCLE_STAGES);
  const span: Span = { id, createdMs, rng, locale: identity.locale };
  const customer: CentralCustomer = {
    customer_id: id,
    name: card.name,
    email: card.email,
    phone: card.phone,
    status: quiet ? 'inactive' : weighted(rng, CUSTOMER_STATUSES),
    created_at: iso(createdMs),
    last_active: quiet || rng.chance(lifecycle === 'lead' ? 0.4 : 0.02) ? null : iso(later(span)),
    tags: quiet ? [] : customerTags(rng),
    lifecycle_stage: lifecycle,
    attributes: customerAttributes(rng, identity),
  };
  const buyer = !quiet && (lifecycle === 'customer' || lifecycle === 'advocate');
  return {
    customer,
    addresses: addressesFor(span, card.address, counters),
    orders: buyer ? ordersFor(span, 1 + rng.geometric(settings.extraOrdersPerBuyer), counters) : [],
    interactions: quiet
      ? []
      : interactionsFor(span, rng.geometric(settings.interactionsMean), counters),
    events: quiet ? [] : eventsFor(span, rng.geometric(settings.eventsMean), counters),
    consents: consentsFor(span, counters),
  };
}

/** What every child builder needs: whose children, since when, and the customer's stream. */
interface Span {
  id: number;
  createdMs: number;
  rng: Rng;
  locale: Locale;
}

const secondOf = (ms: number): number => ms - (ms % 1000);

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const twoDigits = (n: number): string => TWO_DIGITS[n] ?? String(n);
/** "YYYY-MM-DDT" per day since 1970; at most the epoch's 2,922 days are ever cached. */
const dayPrefixes = new Map<number, string>();

/**
 * Date#toISOString for whole seconds, about ten times faster: it was half the generation time.
 * The date part comes from toISOString itself, once per day.
 */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${prefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds % 60)}.000Z`;
}

/** A whole second between sign-up and the end of the epoch. */
function later({ rng, createdMs }: Span, from = createdMs): number {
  return from + 1000 * rng.int(Math.floor((EPOCH_END - from) / 1000) + 1);
}

interface WeightTable<T> {
  items: readonly T[];
  /** Running totals of the weights, so a draw is one scan without summing. */
  cumulative: readonly number[];
}

function weights<T>(entries: readonly (readonly [T, number])[]): WeightTable<T> {
  let total = 0;
  return { items: entries.map(([item]) => item), cumulative: entries.map(([, w]) => (total += w)) };
}

function weighted<T>(rng: Rng, table: WeightTable<T>): T {
  const roll = rng.float() * (table.cumulative[table.cumulative.length - 1] ?? 0);
  let i = 0;
  while (i < table.items.length - 1 && roll >= (table.cumulative[i] ?? 0)) i++;
  const item = table.items[i];
  if (item === undefined) throw new RangeError('Empty weight table.');
  return item;
}

const LIFECYCLE_STAGES = weights<CentralCustomer['lifecycle_stage']>([
  ['lead', 0.15],
  ['prospect', 0.15],
  ['customer', 0.55],
  ['advocate', 0.15],
]);

const CUSTOMER_STATUSES = weights<CentralCustomer['status']>([
  ['active', 0.7],
  ['inactive', 0.2],
  ['churned', 0.1],
]);

function customerTags(rng: Rng): string[] {
  return TAG_RATES.filter(([, rate]) => rng.chance(rate)).map(([tag]) => tag);
}

function customerAttributes(rng: Rng, identity: Identity): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    preferred_language: identity.locale.language,
    marketing: { segment: rng.pick(['A', 'B', 'C', 'D']), score: rng.int(101) },
    loyalty: { tier: rng.pick(['none', 'bronze', 'silver', 'gold']), points: rng.int(25_000) },
  };
  if (rng.chance(0.7)) {
    // The date is the person's (a duplicate shows the same one); whether this record shows it
    // is its own draw. The second draw keeps the values drawn after it as they were.
    rng.next();
    attributes.date_of_birth = identity.birthDate;
  }
  if (rng.chance(0.2)) attributes.preferences = { newsletter: rng.pick(['weekly', 'monthly']) };
  return attributes;
}

/** 1, 2 or 3 addresses: mean 1.5. */
const ADDRESS_COUNTS = weights([
  [1, 0.55],
  [2, 0.4],
  [3, 0.05],
]);

const ADDRESS_KINDS: readonly CentralAddress['kind'][] = ['home', 'billing', 'shipping'];

function addressesFor(span: Span, primary: PostalAddress, counters: IdCounters): CentralAddress[] {
  const { rng, id, locale } = span;
  const count = weighted(rng, ADDRESS_COUNTS);
  const first: CentralAddress['kind'] = rng.chance(0.7) ? 'home' : 'billing';
  const kinds = [first, ...ADDRESS_KINDS.filter((kind) => kind !== first)];
  const addresses: CentralAddress[] = [];
  for (let i = 0; i < count; i++) {
    const place = i === 0 ? primary : postalAddress(rng, locale);
    addresses.push({
      address_id: ++counters.address,
      customer_id: id,
      kind: kinds[i] ?? 'shipping',
      ...place,
      created_at: iso(i === 0 ? span.createdMs : later(span)),
    });
  }
  return addresses;
}

function ordersFor(span: Span, count: number, counters: IdCounters): CentralOrder[] {
  const { rng } = span;
  const orders: CentralOrder[] = [];
  for (let i = 0; i < count; i++) {
    // Skewed to small baskets, priced like shops price: …99, …95, …50, …00.
    const amount = 800 + Math.floor(rng.float() * rng.float() * 45_000);
    orders.push({
      order_id: ++counters.order,
      customer_id: span.id,
      placed_at: iso(later(span)),
      status: weighted(rng, ORDER_STATUSES),
      total_cents: amount - (amount % 100) + rng.pick([99, 95, 50, 0]),
      currency: span.locale.currency,
    });
  }
  return orders;
}

const ORDER_STATUSES = weights<CentralOrder['status']>([
  ['delivered', 0.7],
  ['shipped', 0.06],
  ['placed', 0.04],
  ['cancelled', 0.12],
  ['refunded', 0.08],
]);

const CHANNELS = weights<CentralInteraction['channel']>([
  ['email', 0.4],
  ['phone', 0.3],
  ['chat', 0.25],
  ['in_store', 0.05],
]);

function interactionsFor(span: Span, count: number, counters: IdCounters): CentralInteraction[] {
  const { rng } = span;
  const interactions: CentralInteraction[] = [];
  for (let i = 0; i < count; i++) {
    const channel = weighted(rng, CHANNELS);
    const template = rng.pick(INTERACTION_SUMMARIES[channel] ?? ['Contacted customer service.']);
    interactions.push({
      interaction_id: ++counters.interaction,
      customer_id: span.id,
      channel,
      occurred_at: iso(later(span)),
      summary: template.replace('#', String(rng.between(100_000, 999_999))),
    });
  }
  return interactions;
}

const EVENT_TYPES = weights([
  ['page_view', 40],
  ['login', 14],
  ['email_open', 14],
  ['email_click', 6],
  ['purchase', 8],
  ['add_to_cart', 6],
  ['logout', 4],
  ['support_ticket', 3],
  ['password_reset', 3],
  ['profile_update', 2],
]);

function eventsFor(span: Span, count: number, counters: IdCounters): CentralEvent[] {
  const { rng } = span;
  const events: CentralEvent[] = [];
  for (let i = 0; i < count; i++) {
    const type = weighted(rng, EVENT_TYPES);
    events.push({
      event_id: ++counters.event,
      customer_id: span.id,
      event_type: type,
      occurred_at: iso(later(span)),
      metadata: eventMetadata(rng, type, span.locale),
    });
  }
  return events;
}

/** Where the event came from (always), then what happened; nested like a tracking pipeline's JSON. */
function eventMetadata(rng: Rng, type: string, locale: Locale): Record<string, unknown> {
  const agent = rng.pick(USER_AGENTS);
  const metadata: Record<string, unknown> = {
    ip: `${rng.pick(DOCUMENTATION_NETWORKS)}${rng.between(1, 254)}`,
    user_agent: agent.header,
    device: { type: agent.device.type, os: agent.device.os },
    session: { id: rng.next().toString(16).padStart(8, '0'), duration_s: rng.between(5, 3600) },
  };
  if (rng.chance(0.3)) {
    metadata.utm = {
      source: rng.pick(UTM_SOURCES),
      medium: rng.pick(UTM_MEDIUMS),
      campaign: rng.pick(CAMPAIGNS),
    };
  }
  addEventDetail(metadata, rng, type, locale);
  return metadata;
}

function addEventDetail(
  metadata: Record<string, unknown>,
  rng: Rng,
  type: string,
  locale: Locale,
): void {
  switch (type) {
    case 'page_view':
      metadata.page = {
        path: rng.pick(PAGE_PATHS),
        referrer: rng.chance(0.4) ? rng.pick(REFERRERS) : null,
      };
      break;
    case 'login':
      metadata.auth = { method: rng.pick(LOGIN_METHODS), mfa: rng.chance(0.3) };
      break;
    case 'email_open':
    case 'email_click':
      metadata.campaign = { id: `cmp_${rng.between(100, 999)}`, name: rng.pick(CAMPAIGNS) };
      break;
    case 'purchase':
      metadata.cart = {
        items: rng.between(1, 6),
        total_cents: rng.between(800, 45_000),
        currency: locale.currency,
      };
      break;
    case 'add_to_cart':
      metadata.product = { sku: `SKU-${rng.between(10_000, 99_999)}`, quantity: rng.between(1, 3) };
      break;
    case 'support_ticket':
      metadata.ticket = {
        ref: `T-${rng.between(100_000, 999_999)}`,
        topic: rng.pick(TICKET_TOPICS),
      };
      break;
    case 'password_reset':
      metadata.reset = { method: rng.pick(RESET_METHODS), completed: rng.chance(0.8) };
      break;
    case 'profile_update':
      metadata.changed = [rng.pick(PROFILE_FIELDS)];
      break;
  }
}

const LOGIN_METHODS = ['password', 'sso', 'magic_link'];
const RESET_METHODS = ['email', 'sms'];
const PROFILE_FIELDS = ['email', 'phone', 'address', 'marketing_preferences'];

const PURPOSES = ['marketing_email', 'marketing_sms', 'profiling', 'third_party_sharing'] as const;

const CONSENT_STATES = weights([
  ['granted', 0.6],
  ['withdrawn', 0.25],
  ['refused', 0.15],
] as const);

/** Each purpose is recorded for half the customers (mean 2): granted, withdrawn, or refused. */
function consentsFor(span: Span, counters: IdCounters): CentralConsent[] {
  const { rng } = span;
  const consents: CentralConsent[] = [];
  for (const purpose of PURPOSES) {
    if (!rng.chance(0.5)) continue;
    const decidedMs = later(span);
    const state = weighted(rng, CONSENT_STATES);
    const withdrawnMs = state === 'withdrawn' ? later(span, decidedMs) : null;
    consents.push({
      consent_id: ++counters.consent,
      customer_id: span.id,
      purpose,
      granted: state === 'granted',
      source: rng.pick(CONSENT_SOURCES),
      granted_at: state === 'refused' ? null : iso(decidedMs),
      withdrawn_at: withdrawnMs === null ? null : iso(withdrawnMs),
      updated_at: iso(withdrawnMs ?? decidedMs),
    });
  }
  return consents;
}
