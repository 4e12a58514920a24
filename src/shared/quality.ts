/** The data-quality figures, as the Data quality screen and the trend see them. Counts only. */

/**
 * The parts of a person a record should have, by the data map's identity roles. The postal
 * address stands for the address roles together (street, postcode, locality, country).
 */
export const CRITICAL_FIELDS = [
  'full_name',
  'given_name',
  'family_name',
  'email',
  'phone',
  'birth_date',
  'postal_address',
] as const;
export type CriticalField = (typeof CRITICAL_FIELDS)[number];

export const CRITICAL_FIELD_LABELS: Record<CriticalField, string> = {
  full_name: 'Full name',
  given_name: 'Given name',
  family_name: 'Family name',
  email: 'Email',
  phone: 'Phone',
  birth_date: 'Date of birth',
  postal_address: 'Postal address',
};

/** Every figure whose records can be listed. */
export const QUALITY_METRICS = [
  ...CRITICAL_FIELDS.map((field) => `missing:${field}` as const),
  'invalid:email',
  'invalid:phone',
  'duplicates:likely',
  'duplicates:possible',
] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export interface FieldGap {
  field: CriticalField;
  missing: number;
  /** missing / customers, 0 when there are none. */
  share: number;
}

export interface DeskLag {
  deskId: string;
  login: string;
  /** The officer behind the login, from the team directory; null when not listed. */
  officer: string | null;
  /** When the desk last told central how far it had pulled; null: never checked in. */
  lastSeenAt: string | null;
  /** Changes central logged that this desk had not pulled at its last check-in. */
  changesBehind: number | null;
  /** Transactions between the desk's horizon and central's present. */
  transactionsBehind: number | null;
  /** The desk asking (its workspace id is the desk id). */
  thisDesk: boolean;
}

export interface ChangeLogSize {
  rows: number;
  /** When the oldest entry still kept was written; null when the log is empty. */
  oldestAt: string | null;
  bytes: number;
}

/** What central said about sync lag and its change log, and whether that is current. */
export interface CentralQuality {
  /** When central gave these figures. */
  asOf: string;
  /** True when read from central just now; false: the last known figures (offline). */
  live: boolean;
  desks: DeskLag[];
  changeLog: ChangeLogSize;
}

export interface QualitySummary {
  /** When the replica was counted. */
  countedAt: string;
  /** Records counted: every customer not merged into another. */
  customers: number;
  /** The critical fields this replica holds (the others are not listed). */
  missing: FieldGap[];
  invalid: {
    email: { count: number; checked: number };
    phone: { count: number; checked: number };
  };
  duplicates: {
    likely: number;
    possible: number;
    likelyShare: number;
    possibleShare: number;
    /** When the last duplicate check finished; null: never run here. */
    lastCheckAt: string | null;
  };
  /** Sync lag and change-log size from central; null when never read. */
  central: CentralQuality | null;
  /** Why central's figures are not current (offline, refused), in the officer's words. */
  centralProblem: string | null;
}

/** One day of the trend: the figures as recorded after that day's last check or sync. */
export interface QualityTrendPoint {
  day: string;
  recordedAt: string;
  customers: number;
  likelyShare: number;
  possibleShare: number;
  invalidEmail: number;
  invalidPhone: number;
}

/** How far a count of the replica has got, sent while it runs. */
export interface QualityProgress {
  done: number;
  total: number;
}

export interface QualityRecord {
  customerId: number;
  name: string;
}

export interface QualityRecordsPage {
  metric: QualityMetric;
  total: number;
  offset: number;
  records: QualityRecord[];
}
