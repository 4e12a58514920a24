/** Domain types shared by main and renderer. Plain data only: everything here crosses IPC. */

import type { CaseStatus, RequestType } from './cases';

export type KeyMode = 'keychain' | 'passphrase';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  dataDir: string;
  log: LogLocation;
}

/** The workspace's log (ids and codes only): its file, written from the first error on, and its bounds. */
export interface LogLocation {
  path: string;
  /** A file is rotated at this size... */
  maxBytes: number;
  /** ...and this many rotated files are kept besides the current one. */
  rotatedFiles: number;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  keyMode: KeyMode;
  createdAt: string;
  databasePath: string;
  /** Migration level of the open replica; null while locked. */
  schemaVersion: number | null;
  /** Syncs from the embedded demo central database (synthetic data). */
  demo: boolean;
}

/** The demo workspace's two officers, and which of them this desk works as. */
export interface DemoOfficers {
  current: string;
  officers: { login: string; name: string; approver: boolean }[];
}

/** The last backup written of this replica (never where to: the path may name a person). */
export interface BackupRecord {
  at: string;
  bytes: number;
  /** SHA-256 of the encrypted database inside the backup file, as its header records it. */
  sha256: string;
  customers: number;
}

export type WorkspaceState = 'none' | 'locked' | 'unlocked';

/** Why the workspace was locked, as the audit trail records it. */
export type LockReason = 'officer' | 'idle' | 'screen-locked' | 'suspend' | 'quit';

/** Minutes without input at the workstation before the workspace locks itself; null: never. */
export interface AutoLockSettings {
  minutes: number | null;
}

export interface WorkspaceStatus {
  state: WorkspaceState;
  workspace: WorkspaceSummary | null;
  /** Why it was last locked in this run of the app; null when unlocked or not locked since start. */
  lockedBecause: LockReason | null;
  /** Whether the OS keychain answered a probe; when false only passphrase mode can be offered. */
  keychainAvailable: boolean;
  keychainProblem: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export type AuditVerification =
  | {
      ok: true;
      entries: number;
      headHash: string | null;
      /** How the chain compares with what central holds, in a sentence; absent when not checked. */
      central?: string;
    }
  | { ok: false; entries: number; brokenAt: number; reason: string };

export type SyncState = 'not-configured' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncProgress {
  /** Copying tables, applying central changes, or bringing the search index up to date. */
  phase: 'snapshot' | 'replay' | 'indexing';
  table: string | null;
  rowsDone: number;
  rowsTotal: number | null;
  rowsPerSecond: number;
  secondsLeft: number | null;
}

export interface SyncOverview {
  state: SyncState;
  /** Where the desk syncs from, without the password. */
  connection: {
    host: string;
    port: number;
    database: string;
    user: string;
    sslMode: string;
  } | null;
  lastSyncAt: string | null;
  lastError: string | null;
  pendingOperations: number;
  openConflicts: number;
  progress: SyncProgress | null;
  /** Set when the last sync could not take central changes that are already committed. */
  heldBack: SyncHeldBack | null;
}

/**
 * Central hands out a change only once every transaction older than it has ended, so one long
 * write transaction on the server delays every change committed after it began.
 */
export interface SyncHeldBack {
  /** Committed central changes still waiting (counted up to a cap). */
  waitingChanges: number;
  /** When the transaction holding them back began, or (see sinceObserved) first seen by this desk. */
  since: string;
  /** True when central does not tell this login when the transaction began: `since` is a lower bound. */
  sinceObserved: boolean;
  /** The session holding them, as far as this login may see it. */
  holder: {
    pid: number | null;
    user: string | null;
    database: string | null;
    application: string | null;
    /** A prepared (two-phase) transaction's name: it holds back until committed or rolled back. */
    prepared: string | null;
  };
}

export interface ConflictView {
  conflictId: number;
  kind: string;
  table: string;
  pk: number | string;
  local: unknown;
  central: unknown;
  raisedAt: string;
  /** False when central refused the operation outright: it can only be discarded. */
  canReapply: boolean;
}

export interface SearchFilters {
  /** Customer statuses to keep; empty keeps all. */
  statuses: string[];
  /** Keep customers carrying any of these tags; empty keeps all. */
  tags: string[];
  /** Keep only customers an open DSAR case names. */
  hasOpenCase?: boolean;
}

export type SearchField = 'name' | 'email' | 'phone' | 'address';

/** A matched span of a displayed value: [start, end) in UTF-16 code units. */
export type Highlight = [start: number, end: number];

export interface SearchHit {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** The address that matched, else the first one. */
  address: string | null;
  status: string;
  tags: string[];
  mergedInto: number | null;
  restricted: boolean;
  /** Set when the query was an order number of this customer. */
  matchedOrderId: number | null;
  /** Found only by correcting a typo in the query. */
  approximate: boolean;
  score: number;
  highlights: Partial<Record<SearchField, Highlight[]>>;
}

export interface SearchResults {
  hits: SearchHit[];
  /** More customers matched than were ranked: the query is broad. */
  more: boolean;
  /** Words of the query that were also searched as a close vocabulary word. */
  corrections: { word: string; replacement: string }[];
  /** Why nothing could be searched (e.g. the query is too short), for the officer. */
  hint: string | null;
}

export interface SearchFacets {
  statuses: string[];
  tags: string[];
}

export type RectifiableField = 'name' | 'email' | 'phone';

export interface SubjectCustomer {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  createdAt: string;
  lastActive: string | null;
  tags: string[];
  lifecycleStage: string | null;
  attributes: Record<string, unknown>;
  restricted: boolean;
  mergedInto: number | null;
  version: number;
}

export interface SubjectAddress {
  addressId: number;
  kind: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  country: string;
  createdAt: string;
}

export interface SubjectOrder {
  orderId: number;
  placedAt: string;
  status: string;
  totalCents: number;
  currency: string;
}

export interface SubjectInteraction {
  interactionId: number;
  channel: string;
  occurredAt: string;
  summary: string;
}

export interface SubjectEvent {
  eventId: number;
  eventType: string;
  occurredAt: string;
  metadata: unknown;
}

export interface ConsentChange {
  at: string;
  change: 'granted' | 'withdrawn' | 'refused';
}

export interface SubjectConsent {
  consentId: number;
  purpose: string;
  granted: boolean;
  source: string;
  updatedAt: string;
  /** Oldest first. */
  history: ConsentChange[];
}

/** A change made on this desk that central has not confirmed yet. */
export interface PendingChange {
  opId: string;
  kind: string;
  fields: string[];
  queuedAt: string;
  state: 'pending' | 'rejected';
}

export interface SimilarRecord {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** 0..1: how likely the same person. */
  score: number;
  reasons: string[];
}

export interface SubjectProfile {
  customer: SubjectCustomer;
  addresses: SubjectAddress[];
  orders: SubjectOrder[];
  ordersTotal: number;
  interactions: SubjectInteraction[];
  interactionsTotal: number;
  /** Newest first, at most a page; `eventsTotal` counts them all. */
  events: SubjectEvent[];
  eventsTotal: number;
  consents: SubjectConsent[];
  pending: PendingChange[];
  /** Records merged into this one. */
  mergedRecords: number[];
  similar: SimilarRecord[];
  /** DSAR cases that name this record, open ones first. */
  cases: SubjectCase[];
}

export interface SubjectCase {
  caseId: string;
  reference: string | null;
  requestType: RequestType;
  status: CaseStatus;
  open: boolean;
}
