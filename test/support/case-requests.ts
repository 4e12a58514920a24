import type { CaseCreate } from '../../src/shared/ipc/contract';

/** A GDPR access request received by email on 31 January 2027; tests change what they need. */
export function accessRequest(overrides: Partial<CaseCreate> = {}): CaseCreate {
  return {
    jurisdiction: 'gdpr',
    requestType: 'access',
    channel: 'email',
    requester: { names: ['Person 1'], emails: ['P1@example.org'], phones: [] },
    agent: null,
    receivedAt: '2027-01-31T10:00:00+01:00',
    timeZone: 'Europe/Berlin',
    subjectIds: [],
    assignee: null,
    priority: 'normal',
    tags: [],
    relatedCaseIds: [],
    ...overrides,
  };
}
