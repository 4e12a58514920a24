import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessRequest } from '../../support/case-requests';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const NOW = new Date('2027-02-10T09:00:00Z');

describe('an open request from the same person', () => {
  it('is told apart from a request by a namesake, who shares no email or phone', async () => {
    const desk = testServices(join(tempDir(), 'duplicates'), { now: () => NOW });
    await desk.workspace.create({ name: 'Requests', keyMode: 'keychain' });
    const first = desk.cases.create(
      accessRequest({
        requester: { names: ['Anna Berg'], emails: ['anna@example.org'], phones: [] },
        receivedAt: '2027-01-20T10:00:00+01:00',
      }),
    );
    const namesake = desk.cases.create(
      accessRequest({
        requester: { names: ['Berg Anna'], emails: ['a.berg@example.net'], phones: [] },
        receivedAt: '2027-02-01T10:00:00+01:00',
      }),
    );

    const found = desk.cases.duplicates({
      names: ['Anna Berg'],
      emails: ['ANNA@example.org'],
      phones: [],
    });
    // The same email is the same person, listed first even though it is the older request.
    expect(found.map((d) => [d.caseId, d.sameContact, d.matchedOn])).toEqual([
      [first.caseId, true, ['email anna@example.org', 'name Anna Berg']],
      [namesake.caseId, false, ['name Anna Berg']],
    ]);
    // One word of a name is not enough to suggest anything.
    expect(desk.cases.duplicates({ names: ['Berg'], emails: [], phones: [] })).toEqual([]);
  });
});
