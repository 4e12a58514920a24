import { describe, expect, it } from 'vitest';
import { planAction } from '../../../src/main/cases/case-rules';
import { AppError } from '../../../src/shared/errors';
import {
  DEADLINE_RULE_CASES,
  RULE_CALENDARS,
  ruleCasePayload,
  ruleCaseRecord,
} from '../../support/deadline-rule-cases';

describe('the desk checks when an extension is told and when a pause starts', () => {
  for (const row of DEADLINE_RULE_CASES) {
    it(row.name, () => {
      const record = ruleCaseRecord(row, '00000000-0000-4000-8000-000000000001');
      const ctx = { officer: 'officer', now: new Date(row.at), rules: RULE_CALENDARS };
      const act =
        row.action === 'extend'
          ? {
              action: 'extend' as const,
              reason: 'records in three systems',
              requesterInformedAt: row.told ?? '',
            }
          : { action: 'pause' as const, reason: 'asked for a copy of an ID' };
      let refusal: string | null = null;
      try {
        const plan = planAction(record, act, ctx);
        // What the desk queues is what the central test sends.
        expect(plan.operation.payload).toEqual(ruleCasePayload(row, record));
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        refusal = (error as AppError).message;
      }
      if (row.refused) expect(refusal).toMatch(row.refused.desk);
      else expect(refusal).toBeNull();
    });
  }

  it('says what to do about a notice dated in the future or before receipt', () => {
    const [within] = DEADLINE_RULE_CASES;
    if (!within) throw new Error('no rows');
    const record = ruleCaseRecord(within, '00000000-0000-4000-8000-000000000002');
    const ctx = { officer: 'officer', now: new Date(within.at), rules: RULE_CALENDARS };
    const extend = (requesterInformedAt: string) => () =>
      planAction(record, { action: 'extend', reason: 'r', requesterInformedAt }, ctx);
    expect(extend('2027-02-10T12:00:00Z')).toThrow(
      'The requester cannot have been told on 10 February 2027, 13:00 (Europe/Berlin): that is in the future. Tell them first, then record the extension with the time you told them.',
    );
    // Four minutes ahead is a clock slip, not a notice not yet given.
    expect(extend('2027-02-10T09:04:00Z')).not.toThrow();
    expect(extend('2027-01-31T08:00:00Z')).toThrow(
      'The requester was told on 31 January 2027, 09:00 (Europe/Berlin), before the request was received (31 January 2027, 10:00 (Europe/Berlin)). Check the date and time you entered.',
    );
  });
});
