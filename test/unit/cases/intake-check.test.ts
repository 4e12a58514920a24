import { describe, expect, it } from 'vitest';
import { intakeProblems } from '../../../src/main/cases/intake-check';

const NOW = new Date('2027-02-10T09:00:00Z');
const noCountry = () => null;

describe('the intake check', () => {
  it('names every problem of a draft with its field, all at once', () => {
    const problems = intakeProblems(
      {
        jurisdiction: 'gdpr',
        requestType: 'access',
        channel: 'email',
        requester: { names: [], emails: ['ann@', 'bob@example.org', 'x'], phones: ['12'] },
        agent: { name: '', email: null, authority: '' },
        receivedAt: '2027-03-01T10:00:00Z',
        timeZone: 'Mars/Olympus',
      },
      NOW,
      noCountry,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'requester.emails', message: '"ann@" is not a valid email address.' },
        { field: 'requester.emails', message: '"x" is not a valid email address.' },
        {
          field: 'requester.phones',
          message:
            '"12" is not a valid phone number; include the country code, e.g. +44 20 7946 0958.',
        },
        { field: 'agent.name', message: 'Give the agent a name.' },
        { field: 'agent.authority', message: 'Say how the agent showed their authority.' },
        { field: 'timeZone', message: 'Unknown time zone "Mars/Olympus".' },
        { field: 'receivedAt', message: 'The request cannot have been received in the future.' },
      ]),
    );
    expect(problems.filter((p) => p.message.includes('bob@example.org'))).toEqual([]);
  });

  it('has nothing to say of a draft create would accept', () => {
    expect(
      intakeProblems(
        {
          jurisdiction: 'gdpr',
          requestType: 'access',
          channel: 'email',
          requester: {
            names: ['Ann Example'],
            emails: ['ann@example.org'],
            phones: ['+44 (0)7700 900852'],
          },
          receivedAt: '2027-02-09T10:00:00Z',
          timeZone: 'Europe/London',
        },
        NOW,
        noCountry,
      ),
    ).toEqual([]);
  });

  it('stays short for a draft of junk: no value echoed, no more than ten of each looked at', () => {
    const long = 'x'.repeat(100_000);
    const problems = intakeProblems(
      {
        requester: {
          names: [long],
          emails: Array.from({ length: 5000 }, (_, i) => `bad${i}@`),
          phones: [long],
        },
        receivedAt: long,
        timeZone: long,
      },
      NOW,
      noCountry,
    );
    expect(problems.filter((p) => p.field === 'requester.emails').length).toBeLessThanOrEqual(11);
    expect(JSON.stringify(problems).length).toBeLessThan(5000);
  });
});
