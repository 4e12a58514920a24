import type { CaseActionView } from './rights';
import type { RequesterLanguage } from './requester-languages';

/**
 * The vocabulary of DSAR cases, shared by main (rules, storage), the IPC contract (validation) and
 * the renderer (labels). Values are the ones stored centrally, so they never change meaning.
 */

export const JURISDICTIONS = ['gdpr', 'ccpa'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const REQUEST_TYPES = {
  gdpr: [
    'access',
    'rectification',
    'erasure',
    'portability',
    'restriction',
    'objection',
    'consent_withdrawal',
  ],
  ccpa: ['know', 'delete', 'correct', 'opt_out', 'limit'],
} as const satisfies Record<Jurisdiction, readonly string[]>;
export type RequestType = (typeof REQUEST_TYPES)[Jurisdiction][number];
export const ALL_REQUEST_TYPES: readonly RequestType[] = [
  ...REQUEST_TYPES.gdpr,
  ...REQUEST_TYPES.ccpa,
];

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  access: 'Access (Art. 15)',
  rectification: 'Rectification (Art. 16)',
  erasure: 'Erasure (Art. 17)',
  portability: 'Portability (Art. 20)',
  restriction: 'Restriction (Art. 18)',
  objection: 'Objection (Art. 21)',
  consent_withdrawal: 'Consent withdrawal (Art. 7(3))',
  know: 'Right to know',
  delete: 'Right to delete',
  correct: 'Right to correct',
  opt_out: 'Opt-out of sale or sharing',
  limit: 'Limit use of sensitive information',
};

/**
 * Requests whose fulfilment erases data, withholds it from every use, or sends it out of the
 * company: a second officer must approve them (four eyes) before the case can be fulfilled.
 */
export const APPROVAL_REQUIRED: ReadonlySet<RequestType> = new Set([
  'access',
  'erasure',
  'portability',
  'restriction',
  'know',
  'delete',
]);

/** How a login worked a case; four eyes means the approver did none of these. */
export type CaseWork = 'created it' | 'verified the requester' | 'asked for approval';

/**
 * What `login` did on a case that rules them out as its approver. Central applies the same list
 * (reflect.case_workers, central/migrations/008-role-and-case-rules.ts).
 */
export function caseWorkBy(
  c: {
    createdBy: string;
    verification: { verifiedBy: string } | null;
    approval: { requestedBy: string } | null;
  },
  login: string,
): CaseWork[] {
  const work: CaseWork[] = [];
  if (c.createdBy === login) work.push('created it');
  if (c.verification?.verifiedBy === login) work.push('verified the requester');
  if (c.approval?.requestedBy === login) work.push('asked for approval');
  return work;
}

export const CASE_STATUSES = [
  'received',
  'verifying_identity',
  'in_progress',
  'awaiting_approval',
  'fulfilled',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CLOSED_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'fulfilled',
  'rejected',
  'withdrawn',
]);
export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: 'Received',
  verifying_identity: 'Verifying identity',
  in_progress: 'In progress',
  awaiting_approval: 'Awaiting approval',
  fulfilled: 'Fulfilled',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/**
 * Allowed moves. Closed cases can be reopened (back to in progress). Entering awaiting_approval
 * asks for approval; leaving it happens by the approver's decision, or by the preparer pulling
 * the case back to in progress.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  received: ['verifying_identity', 'in_progress', 'rejected', 'withdrawn'],
  verifying_identity: ['in_progress', 'rejected', 'withdrawn'],
  in_progress: ['verifying_identity', 'awaiting_approval', 'fulfilled', 'rejected', 'withdrawn'],
  awaiting_approval: ['in_progress', 'withdrawn'],
  fulfilled: ['in_progress'],
  rejected: ['in_progress'],
  withdrawn: ['in_progress'],
};

export const CHANNELS_OF_RECEIPT = ['email', 'web_form', 'phone', 'letter'] as const;
export type ReceiptChannel = (typeof CHANNELS_OF_RECEIPT)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof PRIORITIES)[number];

export const VERIFICATION_METHODS = [
  'account_email_match',
  'signed_in_account',
  'identity_document',
  'knowledge_questions',
  'agent_authorisation',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const TEMPLATE_KINDS = ['acknowledgement', 'extension', 'completion', 'rejection'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface Requester {
  names: string[];
  emails: string[];
  phones: string[];
  /** The language letters and documents are written in; absent: from the requester's country. */
  language?: RequesterLanguage | null;
}

/** A letter filled from the case, and what still keeps it from being sent. */
export interface FilledLetter {
  subject: string;
  body: string;
  /** The language it is written in. */
  language: RequesterLanguage;
  /**
   * Each gap the case cannot fill yet, in the officer's words (the reference central has not
   * given, a missing reason, the organisation's name or signatory). The letter carries a marked
   * gap ([[…]]) for each, and cannot be saved as sent until every gap is filled.
   */
  problems: string[];
}

/** How a gap in a letter is marked; a letter with one cannot be saved as sent (central agrees). */
export const LETTER_GAP = /\[\[[^\]]*\]\]/;

export interface AuthorisedAgent {
  name: string;
  email: string | null;
  /** How the agent's authority was shown (signed permission, power of attorney, ...). */
  authority: string;
}

export type Verification =
  | {
      kind: 'verified';
      method: VerificationMethod;
      evidence: string;
      verifiedBy: string;
      verifiedAt: string;
    }
  | { kind: 'override'; reason: string; verifiedBy: string; verifiedAt: string };

export interface Extension {
  reason: string;
  /** When the requester was told, and why: GDPR Art. 12(3) and CCPA §1798.130 both require it. */
  requesterInformedAt: string;
  extendedBy: string;
  extendedAt: string;
}

export interface Pause {
  reason: string;
  from: string;
  to: string | null;
}

export interface Approval {
  requestedBy: string;
  requestedAt: string;
  decision: 'approved' | 'declined' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

/**
 * A public-holiday calendar, by the codes of the date-holidays library: the ISO country, then
 * optionally a state (ISO 3166-2 subdivision) and a local area within it (e.g. Bavaria's
 * predominantly catholic communities, where 15 August is a holiday).
 */
export interface HolidayCalendar {
  country: string;
  state: string | null;
  region: string | null;
}

/** Whose working days count for each law's deadlines; null: weekends only, no public holidays. */
export type CaseCalendars = Record<Jurisdiction, HolidayCalendar | null>;

/** One country of the holiday calendars, with its states and their local areas, for Settings. */
export interface HolidayCalendarChoice {
  code: string;
  name: string;
  states: { code: string; name: string; regions: { code: string; name: string }[] }[];
}

export type DeadlineState = 'on_track' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'missed';

export interface Deadline {
  /** The last moment of the due day in the case's time zone, as an instant (ISO 8601 UTC). */
  dueAt: string;
  /** The due day as the case's time zone sees it (YYYY-MM-DD). */
  dueDate: string;
  /** Without extension or pauses: the end of the first period, the limit for extending. */
  firstPeriodEndsAt: string;
  /** Whole calendar days the clock was stopped. */
  daysPaused: number;
  state: DeadlineState;
  /** Calendar days from today to the due day (negative when overdue), in the case's time zone. */
  daysLeft: number;
  /** CCPA: confirmation of receipt due (10 business days). */
  acknowledgeBy: string | null;
  canExtend: boolean;
  /** Why an extension is not possible, when it is not. */
  extendBlockedBy: string | null;
  /**
   * When the period itself ended on a day off, that day (YYYY-MM-DD) and the days passed over to
   * reach the next working day ("Saturday", "Easter Monday"); null when it ended on a working day.
   */
  movedFrom: { date: string; daysOff: string[] } | null;
  /** Whose working days were counted: "Germany, Bayern", or weekends only. */
  calendarName: string;
}

export interface CaseSummary {
  caseId: string;
  /** Given by central when it first receives the case; null until then. */
  reference: string | null;
  jurisdiction: Jurisdiction;
  requestType: RequestType;
  status: CaseStatus;
  channel: ReceiptChannel;
  requesterName: string;
  receivedAt: string;
  timeZone: string;
  assignee: string | null;
  priority: CasePriority;
  tags: string[];
  subjectIds: number[];
  deadline: Deadline;
  closedAt: string | null;
  pending: boolean;
  version: number;
}

export interface CaseEvent {
  eventId: string;
  occurredAt: string;
  actor: string;
  kind: string;
  details: Record<string, unknown>;
  pending: boolean;
}

export interface CaseCommunication {
  eventId: string;
  sentAt: string;
  actor: string;
  template: TemplateKind | null;
  channel: ReceiptChannel;
  subject: string;
  body: string;
}

export interface CaseDetail extends CaseSummary {
  requester: Requester;
  /** The language the requester's letters and documents are in, and whether the case chose it. */
  requesterLanguage: { code: RequesterLanguage; fromCase: boolean; country: string | null };
  agent: AuthorisedAgent | null;
  verification: Verification | null;
  extension: Extension | null;
  pauses: Pause[];
  approval: Approval | null;
  acknowledgedAt: string | null;
  resolution: string | null;
  relatedCaseIds: string[];
  subjects: { customerId: number; name: string; email: string | null; present: boolean }[];
  timeline: CaseEvent[];
  communications: CaseCommunication[];
  /** What this officer may do now, and why not otherwise; the screen shows exactly these. */
  allowedTransitions: CaseStatus[];
  blockers: Partial<Record<CaseStatus, string>>;
  needsApproval: boolean;
  /** Who this desk acts as: the central login, which is what four-eyes compares. */
  officer: string;
  createdBy: string;
  /** What central confirmed was done for the case: the erasure record, a restriction, ... */
  actions: CaseActionView[];
}

export interface CaseFilters {
  statuses: CaseStatus[];
  requestTypes: RequestType[];
  jurisdictions: Jurisdiction[];
  assignee: string | null;
  /** Open cases due within this many days (overdue included). */
  dueWithinDays: number | null;
  overdueOnly: boolean;
  /** Text in the reference or the requester's names and emails. */
  text: string;
}

export interface CaseList {
  cases: CaseSummary[];
  /** Counts over the filtered cases, by status and by deadline state. */
  byStatus: Partial<Record<CaseStatus, number>>;
  overdue: number;
  dueSoon: number;
  total: number;
  assignees: string[];
  dueSoonDays: number;
}

export interface CaseDashboard {
  open: number;
  openByStatus: { status: CaseStatus; count: number }[];
  dueThisWeek: number;
  overdue: number;
  closed: number;
  /** Closed on or before their due moment, over closed cases; null with none closed. */
  onTimeRate: number | null;
  medianDaysToClose: number | null;
  /** Cases received per month, the last 12 months, with how many of them closed on time. */
  byMonth: { month: string; received: number; closedOnTime: number; closedLate: number }[];
  byType: { requestType: RequestType; count: number }[];
}

/** One thing to fix in a new request's form, with the field it belongs to (`requester.emails`). */
export interface IntakeProblem {
  field: string;
  message: string;
}

export interface DuplicateRequest {
  caseId: string;
  reference: string | null;
  requestType: RequestType;
  status: CaseStatus;
  receivedAt: string;
  /** What matched: "email a@b.c", "phone +44...", "name Ann Smith". */
  matchedOn: string[];
  /** An email or phone in common; a full name alone may be a namesake (another person). */
  sameContact: boolean;
}

/** The start screen: what needs the officer now. */
export interface HomeOverview {
  /** When it was computed (the clock deadlines are counted against). */
  at: string;
  /** The central login this desk acts as (whose cases "mine" are). */
  officer: string;
  /** Open cases assigned to the officer, by how soon they are due. */
  mine: { overdue: CaseSummary[]; dueToday: CaseSummary[]; dueThisWeek: CaseSummary[] };
  /** Open cases nobody is assigned to, soonest due first. */
  unassigned: CaseSummary[];
  /** Cases another officer sent for approval: four eyes needs someone other than them. */
  awaitingMyApproval: CaseSummary[];
  /** Overdue open cases of the whole desk (the dock badge). */
  overdueTotal: number;
  openTotal: number;
}
