/** Duplicate detection and merging, as the screens and the CLI see them. */

export type DedupePhase = 'reading' | 'blocking' | 'comparing' | 'estimating' | 'saving';

export interface DedupeProgress {
  phase: DedupePhase;
  done: number;
  total: number;
}

export interface DedupeRunSummary {
  kind: 'full' | 'incremental';
  startedAt: string;
  finishedAt: string;
  /** Records looked at: all unmerged ones in a full run, the changed ones in an incremental one. */
  checked: number;
  keys: number;
  blocks: number;
  oversizedBlocks: number;
  pairsCompared: number;
  likely: number;
  possible: number;
  ms: number;
}

export type DedupeBand = 'likely' | 'possible';

export interface FieldEvidence {
  field: string;
  level: number | null;
  label: string;
  /** Bits for (positive) or against (negative) one person: log2(m / u), name frequency included. */
  weight: number;
  /** How often true duplicates show this level, and unrelated records do. */
  m?: number;
  u?: number;
  /** Sure pairs m was estimated from on this replica; 0 when the documented prior stands. */
  mFrom?: number;
  /** For a shared name: the share of records that carry it, and what that added in bits. */
  sharedBy?: number;
  frequencyBits?: number;
}

export interface CandidatePair {
  a: number;
  b: number;
  probability: number;
  weight: number;
  evidence: FieldEvidence[];
  /** Why the household guard capped the pair, when it did. */
  guard: string | null;
}

export interface ClusterMember {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface ClusterSummary {
  /** The smallest member id: stable while the cluster's members stay. */
  clusterId: number;
  band: DedupeBand;
  probability: number;
  members: ClusterMember[];
  /** What agreed on the strongest pair, for the list. */
  agreed: string[];
  /** Why the household guard kept the strongest pair out of "likely", when it did. */
  guard: string | null;
}

export interface ClusterPage {
  clusters: ClusterSummary[];
  total: number;
  lastRun: DedupeRunSummary | null;
  /** Records changed since the last check (a sync or a merge), re-checked by "Check again". */
  changedSinceRun: number;
}

/** At most this many records are compared or merged at once: a person, not a population. */
export const MAX_MERGE_RECORDS = 10;

export const MERGE_FIELDS = [
  'name',
  'email',
  'phone',
  'status',
  'lifecycle_stage',
  'last_active',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export interface MergeRecordView {
  customerId: number;
  version: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  lifecycle_stage: string | null;
  last_active: string | null;
  createdAt: string;
  tags: string[];
  restricted: boolean;
  emailVerified: boolean;
  phoneVerified: boolean;
  addresses: { addressId: number; kind: string; text: string }[];
  counts: {
    addresses: number;
    orders: number;
    interactions: number;
    events: number;
    consents: number;
  };
  consents: { purpose: string; granted: boolean; updatedAt: string }[];
  openCases: { caseId: string; reference: string | null }[];
}

export interface MergeConsentOutcome {
  purpose: string;
  granted: boolean;
  /** The record whose answer stands: the most restrictive one. */
  fromCustomerId: number;
  /** Granted consents of other records that the merge withdraws. */
  withdraws: number[];
}

export interface MergePlan {
  records: MergeRecordView[];
  pairs: CandidatePair[];
  survivorId: number;
  /** For each field, the record whose value the survivor keeps by default, and why. */
  fields: Record<MergeField, { from: number; reason: string }>;
  consents: MergeConsentOutcome[];
  /** Tags of all records together; restricted if any is. */
  tags: string[];
  restricted: boolean;
}

export interface MergeRecordSummary {
  opId: string;
  survivorId: number;
  mergedIds: number[];
  mergedAt: string;
  mergedBy: string;
  undoneAt: string | null;
  provenance: Record<string, number>;
  /** Null when the merge can be undone; else why not. */
  undoBlocked: string | null;
}

/** Two records an officer marked "not the same person": never suggested again, until undone. */
export interface DismissedPair {
  a: { customerId: number; name: string | null };
  b: { customerId: number; name: string | null };
  decidedBy: string;
  decidedAt: string;
}
