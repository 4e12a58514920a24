import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseRequester } from '../../../src/main/cases/requester-identities';
import { AppError } from '../../../src/shared/errors';
import { accessRequest } from '../../support/case-requests';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const phonesOf = (phones: string[], country: string | null = null) =>
  normaliseRequester({ names: [], emails: [], phones }, country).phones;

describe('requester phone numbers at intake', () => {
  it('accepts the trunk prefix in brackets, as British and German letterheads write it', () => {
    expect(phonesOf(['+44 (0)7700 900852'])).toEqual(['+447700900852']);
    expect(phonesOf(['+44 (0) 20 7946 0958'])).toEqual(['+442079460958']);
    expect(phonesOf(['+44(0)7700-900852'])).toEqual(['+447700900852']);
    expect(phonesOf(['0044 (0)7700 900852'])).toEqual(['+447700900852']);
    expect(phonesOf(['+49 (0)30 1234567'])).toEqual(['+49301234567']);
  });

  it('keeps a leading zero that belongs to the number (Italy)', () => {
    expect(phonesOf(['+39 (0)6 1234 5678'])).toEqual(['+390612345678']);
    expect(phonesOf(['+39 06 1234 5678'])).toEqual(['+390612345678']);
  });

  it('takes a number of a possible length even where the library lists no assigned range', () => {
    // Ofcom keeps 07700 900000-900999 for drama; a requester may still give one.
    expect(phonesOf(['07700 900852'], 'GB')).toEqual(['+447700900852']);
  });

  it('still refuses what cannot be a phone number, naming it', () => {
    for (const bad of ['call me', '+44 12', '+44 (0)7700 900852 123456789']) {
      expect(() => phonesOf([bad]), bad).toThrow(AppError);
      expect(() => phonesOf([bad]), bad).toThrow(`"${bad}" is not a valid phone number`);
    }
  });

  it('stores the number in E.164 on the case and knows it again written another way', async () => {
    // The fixture's request arrived on 31 January 2027.
    const now = () => new Date('2027-02-10T09:00:00Z');
    const services = testServices(join(tempDir(), 'phones'), { now });
    await services.workspace.create({ name: 'Phones', keyMode: 'keychain' });
    const created = services.cases.create(
      accessRequest({ requester: { names: [], emails: [], phones: ['+44 (0)7700 900852'] } }),
    );
    expect(created.requester.phones).toEqual(['+447700900852']);
    const again = services.cases.duplicates({ names: [], emails: [], phones: ['+44 7700 900852'] });
    expect(again.map((d) => [d.caseId, d.matchedOn])).toEqual([
      [created.caseId, ['phone +44 7700 900852']],
    ]);
  });
});
