import { describe, expect, it } from 'vitest';
import { caseDashboard } from '../../../src/main/cases/case-dashboard';
import { computeDeadline } from '../../../src/main/cases/deadlines';
import type { CaseStatus, CaseSummary } from '../../../src/shared/cases';

const NOW = new Date('2027-03-20T12:00:00Z');

function summary(receivedAt: string, status: CaseStatus, closedAt: string | null): CaseSummary {
  const facts = {
    jurisdiction: 'gdpr' as const,
    requestType: 'access' as const,
    receivedAt,
    timeZone: 'UTC',
    status,
    extension: null,
    pauses: [],
    closedAt,
  };
  return {
    caseId: receivedAt,
    reference: null,
    jurisdiction: 'gdpr',
    requestType: 'access',
    status,
    channel: 'email',
    requesterName: 'x',
    receivedAt,
    timeZone: 'UTC',
    assignee: null,
    priority: 'normal',
    tags: [],
    subjectIds: [],
    deadline: computeDeadline(facts, NOW, {
      dueSoonDays: 7,
      calendars: { gdpr: null, ccpa: null },
    }),
    closedAt,
    pending: false,
    version: 1,
  };
}

describe('case dashboard', () => {
  it('gives the on-time rate and median days to close over answered cases', () => {
    const cases = [
      // Answered in 10 days, on time.
      summary('2027-01-05T00:00:00Z', 'fulfilled', '2027-01-15T00:00:00Z'),
      // Answered in 20 days, on time.
      summary('2027-02-01T00:00:00Z', 'rejected', '2027-02-21T00:00:00Z'),
      // Answered after 40 days: late.
      summary('2027-01-01T00:00:00Z', 'fulfilled', '2027-02-10T00:00:00Z'),
      // Withdrawn: closed, but not an answer the law timed.
      summary('2027-02-02T00:00:00Z', 'withdrawn', '2027-02-03T00:00:00Z'),
      // Open: one overdue (due 18 March), one due in 5 days (25 March), one in 25 days.
      summary('2027-02-18T00:00:00Z', 'in_progress', null),
      summary('2027-02-25T00:00:00Z', 'received', null),
      summary('2027-03-15T00:00:00Z', 'awaiting_approval', null),
    ];
    const dashboard = caseDashboard(cases, NOW, 'UTC');
    expect(dashboard).toMatchObject({
      open: 3,
      overdue: 1,
      dueThisWeek: 1,
      closed: 4,
      medianDaysToClose: 20,
    });
    expect(dashboard.onTimeRate).toBeCloseTo(2 / 3);
    expect(dashboard.openByStatus).toEqual([
      { status: 'received', count: 1 },
      { status: 'verifying_identity', count: 0 },
      { status: 'in_progress', count: 1 },
      { status: 'awaiting_approval', count: 1 },
    ]);
    expect(dashboard.byMonth.at(-1)).toEqual({
      month: '2027-03',
      received: 1,
      closedOnTime: 0,
      closedLate: 0,
    });
    expect(dashboard.byMonth.find((m) => m.month === '2027-01')).toEqual({
      month: '2027-01',
      received: 2,
      closedOnTime: 1,
      closedLate: 1,
    });
    expect(dashboard.byType).toEqual([{ requestType: 'access', count: 7 }]);
  });
});
