import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskNotices } from '../../../src/main/notices/desk-notices';
import type { SyncOverview } from '../../../src/shared/types';
import { accessRequest } from '../../support/case-requests';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const NOW = new Date('2027-02-10T09:00:00Z');

describe('native notifications', () => {
  it('announce overdue and due cases once each, by reference and never by the requester', async () => {
    const desk = testServices(join(tempDir(), 'notices'), { now: () => NOW });
    await desk.workspace.create({ name: 'Notices', keyMode: 'keychain' });
    const me = 'officer.test';
    const request = (name: string, receivedAt: string) =>
      accessRequest({
        requester: { names: [name], emails: [], phones: [] },
        receivedAt,
        assignee: me,
      });
    const overdue = desk.cases.create(request('Zofia Wąsowska', '2027-01-01T10:00:00+01:00'));
    const today = desk.cases.create(request('Jean Dubois', '2027-01-10T10:00:00+01:00'));
    desk.cases.create(request('Later Person', '2027-01-28T10:00:00+01:00'));

    const home = desk.cases.home();
    const first = deskNotices(home, null, new Set(), 'en-GB');
    expect(first.map((n) => [n.title, n.opens])).toEqual([
      ['A case is overdue', { screen: 'cases', caseId: overdue.caseId }],
      ['A case is due today', { screen: 'cases', caseId: today.caseId }],
    ]);
    for (const notice of first) {
      expect(`${notice.title} ${notice.body}`).not.toMatch(/Wąsowska|Zofia|Dubois|Jean/);
    }
    expect(first[0]?.body).toBe(
      'An unnumbered access case was due on 1 February 2027. Reply or record why as soon as you can.',
    );
    // Shown once: the next look finds nothing new.
    expect(deskNotices(home, null, new Set(first.map((n) => n.key)), 'en-GB')).toEqual([]);

    const failing = {
      state: 'error',
      lastError: 'refused',
      lastSyncAt: '2027-02-10T08:00:00Z',
    } as SyncOverview;
    expect(deskNotices(home, failing, new Set(first.map((n) => n.key)), 'en-GB')).toEqual([
      {
        key: 'sync-failing:2027-02-10T08:00:00Z',
        title: 'Sync is failing',
        body: 'The desk could not sync with the central database. Open Sync to see why.',
        opens: { screen: 'sync', caseId: null },
      },
    ]);
  });
});
