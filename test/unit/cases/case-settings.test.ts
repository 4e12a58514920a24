import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { testServices } from '../../support/workspace';

describe('case settings', () => {
  it('keeps what was saved before the holiday calendars existed, and fills in only those', async () => {
    const services = testServices();
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const db = services.workspace.requireOpen().replica.raw;
    db.prepare(`INSERT INTO desk_settings (key, value) VALUES ('cases', ?)`).run(
      JSON.stringify({
        dueSoonDays: 3,
        organisationName: 'Acme GmbH',
        defaultTimeZone: 'Europe/Paris',
      }),
    );
    expect(services.cases.settings()).toEqual({
      dueSoonDays: 3,
      organisationName: 'Acme GmbH',
      // Fields added later start empty: letters show a gap and exports warn until filled.
      organisationAddress: '',
      dpoContact: '',
      signatory: '',
      currency: 'EUR',
      defaultTimeZone: 'Europe/Paris',
      // Guessed from the time zone; the CCPA is California's.
      calendars: {
        gdpr: { country: 'FR', state: null, region: null },
        ccpa: { country: 'US', state: 'CA', region: null },
      },
    });
  });

  it('refuses a calendar the holiday library does not know, saying what to do', async () => {
    const services = testServices();
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const settings = services.cases.settings();
    const save = (gdpr: { country: string; state: string | null; region: string | null }) => () =>
      services.cases.saveSettings({ ...settings, calendars: { ...settings.calendars, gdpr } });
    expect(save({ country: 'DE', state: 'XX', region: null })).toThrow(
      'Germany has no state or region "XX" in the holiday calendars. Choose one from the list.',
    );
    expect(save({ country: 'DE', state: null, region: 'KATH' })).toThrow(AppError);
    expect(save({ country: 'DE', state: 'BY', region: 'KATH' })()).toMatchObject({
      calendars: { gdpr: { country: 'DE', state: 'BY', region: 'KATH' } },
    });
    expect(services.cases.settings().calendars.gdpr).toEqual({
      country: 'DE',
      state: 'BY',
      region: 'KATH',
    });
  });
});
