import { describe, expect, it } from 'vitest';
import { alertNotices } from '../../../src/main/notices/alert-notices';
import type { AccessAlert } from '../../../src/shared/alerts';

const alert = (alertId: string, rule: AccessAlert['rule'], count: number): AccessAlert => ({
  alertId,
  rule,
  login: 'ana_browser',
  windowStart: '2027-03-02T09:00:00.000Z',
  windowEnd: '2027-03-02T10:00:00.000Z',
  evidence: { count, threshold: 100, customer_ids: [10, 11] },
  raisedAt: '2027-03-02T10:01:00.000Z',
});

describe('access alert notifications', () => {
  it('announce each new alert once, by login and count only, and open the start screen', () => {
    const first = alertNotices(
      [alert('1', 'profile_views', 120), alert('2', 'restricted_access', 1)],
      new Set(),
    );
    expect(first).toEqual([
      {
        key: 'alert:1',
        title: 'Access alert: many profiles viewed',
        body: 'ana_browser: 120 profiles viewed. Open the start screen to look at it and acknowledge it.',
        opens: { screen: 'home', caseId: null },
      },
      expect.objectContaining({
        key: 'alert:2',
        body: expect.stringContaining('1 view of a restricted person'),
      }),
    ]);
    expect(JSON.stringify(first)).not.toMatch(/#10|11/);
    expect(alertNotices([alert('1', 'profile_views', 130)], new Set(['alert:1']))).toEqual([]);
  });
});
