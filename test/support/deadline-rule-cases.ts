import type { CaseRecord } from '../../src/main/cases/case-record';
import { computeDeadline, type DeadlineRules } from '../../src/main/cases/deadlines';
import type { Jurisdiction, RequestType } from '../../src/shared/cases';

/**
 * The two deadline rules as one table, for the desk (test/unit/cases/deadline-rules.test.ts)
 * and central (test/unit/central/deadline-checks.test.ts) alike: when an extension may be told
 * to the requester, and when a pause may start. Each row is an action at a moment, and whether
 * it is accepted; a refusal names what the desk and central each say.
 */
export interface DeadlineRuleCase {
  name: string;
  jurisdiction: Jurisdiction;
  requestType: RequestType;
  receivedAt: string;
  timeZone: string;
  action: 'extend' | 'pause';
  /** When the officer records the action: the desk's clock, and the operation's `at`. */
  at: string;
  /** Extensions: when the requester was told. */
  told?: string;
  refused: { desk: RegExp; central: RegExp } | null;
}

/** Bavaria for the GDPR, California for the CCPA. */
export const RULE_CALENDARS: DeadlineRules = {
  dueSoonDays: 7,
  calendars: {
    gdpr: { country: 'DE', state: 'BY', region: null },
    ccpa: { country: 'US', state: 'CA', region: null },
  },
};

// One month from 31 January 2027 is Sunday 28 February: the period ends on Monday 1 March.
const berlin = {
  jurisdiction: 'gdpr',
  requestType: 'access',
  receivedAt: '2027-01-31T10:00:00+01:00',
  timeZone: 'Europe/Berlin',
} as const;
// 45 days from Wednesday 6 January 2027 is Saturday 20 February: it ends on Monday 22 February.
const losAngeles = {
  jurisdiction: 'ccpa',
  requestType: 'know',
  receivedAt: '2027-01-06T17:00:00Z',
  timeZone: 'America/Los_Angeles',
} as const;

export const DEADLINE_RULE_CASES: DeadlineRuleCase[] = [
  {
    ...berlin,
    name: 'GDPR: told within the first month',
    action: 'extend',
    at: '2027-02-10T09:00:00Z',
    told: '2027-02-10T08:30:00Z',
    refused: null,
  },
  {
    ...berlin,
    name: 'GDPR: told on the Monday after a first month ending on Sunday',
    action: 'extend',
    at: '2027-03-01T15:00:00Z',
    told: '2027-03-01T14:00:00Z',
    refused: null,
  },
  {
    ...berlin,
    name: 'GDPR: told before the request arrived',
    action: 'extend',
    at: '2027-02-10T09:00:00Z',
    told: '2027-01-30T12:00:00Z',
    refused: {
      desk: /before the request was received/,
      central: /before the request was received/,
    },
  },
  {
    ...berlin,
    name: 'GDPR: told tomorrow',
    action: 'extend',
    at: '2027-02-10T09:00:00Z',
    told: '2027-02-11T09:00:00Z',
    refused: { desk: /in the future/, central: /in the future/ },
  },
  {
    ...berlin,
    name: 'GDPR: extended the day after the first period ended',
    action: 'extend',
    at: '2027-03-02T09:00:00Z',
    told: '2027-03-02T08:00:00Z',
    refused: {
      desk: /before the first period ends, and it ended on 1 March 2027: answer the request by 1 March 2027/,
      central: /within the first period, which ended on 1 March 2027, 23:59/,
    },
  },
  {
    ...losAngeles,
    name: 'CCPA: told on the business day after 45 days ending on Saturday',
    action: 'extend',
    at: '2027-02-22T20:00:00Z',
    told: '2027-02-22T19:00:00Z',
    refused: null,
  },
  {
    ...losAngeles,
    name: 'CCPA: told a day after the first 45 days',
    action: 'extend',
    at: '2027-02-23T20:00:00Z',
    told: '2027-02-23T19:00:00Z',
    refused: {
      desk: /ended on 22 February 2027: answer the request by 22 February 2027/,
      central: /within the first period, which ended on 22 February 2027, 23:59/,
    },
  },
  {
    ...berlin,
    name: 'GDPR: paused before the deadline',
    action: 'pause',
    at: '2027-02-20T09:00:00Z',
    refused: null,
  },
  {
    ...berlin,
    name: 'GDPR: paused on the Monday the deadline moved to',
    action: 'pause',
    at: '2027-03-01T21:00:00Z',
    refused: null,
  },
  {
    ...berlin,
    name: 'GDPR: paused after the deadline passed',
    action: 'pause',
    at: '2027-03-02T09:00:00Z',
    refused: {
      desk: /deadline passed on 1 March 2027, 23:59 \(Europe\/Berlin\).*can no longer be paused/,
      central: /deadline passed on 1 March 2027, 23:59 \(Europe\/Berlin\).*can no longer be paused/,
    },
  },
];

/** The row's case as the desk holds it just before the action. */
export function ruleCaseRecord(row: DeadlineRuleCase, caseId: string): CaseRecord {
  return {
    caseId,
    reference: null,
    jurisdiction: row.jurisdiction,
    requestType: row.requestType,
    channel: 'email',
    status: row.action === 'pause' ? 'verifying_identity' : 'in_progress',
    requester: { names: ['A Requester'], emails: [], phones: [] },
    agent: null,
    receivedAt: new Date(row.receivedAt).toISOString(),
    timeZone: row.timeZone,
    subjectIds: [],
    assignee: null,
    priority: 'normal',
    tags: [],
    verification: null,
    extension: null,
    pauses: [],
    approval: null,
    acknowledgedAt: null,
    resolution: null,
    relatedCaseIds: [],
    closedAt: null,
    createdBy: 'officer',
    createdAt: row.receivedAt,
    updatedAt: row.receivedAt,
    version: 1,
  };
}

/**
 * What a desk sends central for the row, accepted by the desk or not: central must refuse it on
 * its own, as it would from a desk with a wrong clock or an old version.
 */
export function ruleCasePayload(
  row: DeadlineRuleCase,
  record: CaseRecord,
): Record<string, unknown> {
  const deadline = computeDeadline(record, new Date(row.at), RULE_CALENDARS);
  return row.action === 'extend'
    ? {
        reason: 'records in three systems',
        requester_informed_at: row.told,
        first_period_ends_at: deadline.firstPeriodEndsAt,
      }
    : { pause: true, reason: 'asked for a copy of an ID', due_at: deadline.dueAt };
}
