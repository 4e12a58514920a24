import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { centralMigrations } from '../../../central/migrations';
import { DEADLINE_SLACK_DAYS } from '../../../central/migrations/014-deadline-checks';
import { installCentral } from '../../../src/main/central/install';
import { applyOperation, type OperationKind } from '../../../src/main/central/operations';
import {
  holidayCalendarChoices,
  workingCalendar,
  onOrAfterWorkingDay,
} from '../../../src/main/cases/working-days';
import type { HolidayCalendar } from '../../../src/shared/cases';
import { DateTime } from 'luxon';
import { centralWithClient } from '../../support/central-fixture';
import {
  DEADLINE_RULE_CASES,
  ruleCasePayload,
  ruleCaseRecord,
  type DeadlineRuleCase,
} from '../../support/deadline-rule-cases';
import { createTestDatabase } from '../../support/postgres-database';

const op = (client: pg.ClientBase, kind: OperationKind, payload: Record<string, unknown>) =>
  applyOperation(client, {
    opId: randomUUID(),
    kind,
    payload: { event_id: randomUUID(), ...payload },
  });

async function version(client: pg.ClientBase, caseId: string): Promise<number> {
  const result = await client.query<{ version: string }>(
    'SELECT version FROM reflect.cases WHERE case_id = $1',
    [caseId],
  );
  return Number(result.rows[0]?.version);
}

/** The row's case on central, as the desk would have created it (and moved it, for a pause). */
async function centralCase(client: pg.ClientBase, row: DeadlineRuleCase): Promise<string> {
  const caseId = randomUUID();
  const created = await op(client, 'case.create', {
    case_id: caseId,
    at: row.receivedAt,
    jurisdiction: row.jurisdiction,
    request_type: row.requestType,
    channel: 'email',
    requester: { names: ['A Requester'], emails: [], phones: [] },
    received_at: row.receivedAt,
    time_zone: row.timeZone,
  });
  expect(created).toMatchObject({ status: 'applied' });
  if (row.action === 'pause') {
    const moved = await op(client, 'case.transition', {
      case_id: caseId,
      base_version: await version(client, caseId),
      at: row.receivedAt,
      to: 'verifying_identity',
    });
    expect(moved).toMatchObject({ status: 'applied' });
  }
  return caseId;
}

async function act(
  client: pg.ClientBase,
  row: DeadlineRuleCase,
  caseId: string,
  payload = ruleCasePayload(row, ruleCaseRecord(row, caseId)),
) {
  return op(client, row.action === 'extend' ? 'case.extend' : 'case.pause', {
    case_id: caseId,
    base_version: await version(client, caseId),
    at: row.at,
    ...payload,
  });
}

function row(name: string): DeadlineRuleCase {
  const found = DEADLINE_RULE_CASES.find((r) => r.name === name);
  if (!found) throw new Error(`no rule case "${name}"`);
  return found;
}

describe('central checks when an extension is told and when a pause starts', () => {
  it('answers every row of the table the desk answers, whatever the desk decided', async () => {
    const { central } = await centralWithClient();
    for (const rule of DEADLINE_RULE_CASES) {
      const outcome = await act(central, rule, await centralCase(central, rule));
      if (rule.refused) {
        expect(outcome, rule.name).toMatchObject({
          status: 'rejected',
          reason: expect.stringMatching(rule.refused.central),
        });
      } else {
        expect(outcome, rule.name).toMatchObject({ status: 'applied' });
      }
    }
  });

  it("takes the desk's deadline only within the calendar end and the slack for days off", async () => {
    const { central } = await centralWithClient();
    const within = row('GDPR: told within the first month');
    const told = (day: string) => ({
      reason: 'records in three systems',
      requester_informed_at: `${day}T09:00:00Z`,
    });
    const lateAt = { ...within, at: '2027-03-20T10:00:00Z' };
    // A desk that claims three more months is held to 28 February + 10 days.
    const stretched = await act(central, lateAt, await centralCase(central, lateAt), {
      ...told('2027-03-20'),
      first_period_ends_at: '2027-05-31T21:59:59.999Z',
    });
    expect(stretched).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/ended on 10 March 2027, 23:59 \(Europe\/Berlin\)/),
    });
    // An extension queued by a desk from before this check sends no end: the bound is used.
    const older = { ...within, at: '2027-03-05T10:00:00Z' };
    expect(
      await act(central, older, await centralCase(central, older), told('2027-03-05')),
    ).toMatchObject({ status: 'applied' });
    // A desk that claims an end before the calendar's is not believed either.
    const early = await act(central, within, await centralCase(central, within), {
      ...told('2027-02-10'),
      first_period_ends_at: '2027-02-05T22:59:59.999Z',
    });
    expect(early).toMatchObject({ status: 'applied' });
  });

  it('counts days paused into the period, as the desk does', async () => {
    const { central } = await centralWithClient();
    const pause = row('GDPR: paused before the deadline');
    const caseId = await centralCase(central, pause);
    expect(await act(central, pause, caseId)).toMatchObject({ status: 'applied' });
    // Paused 20 February, resumed 10 March: 18 days, so the first month runs to 18 March.
    const resumed = await op(central, 'case.pause', {
      case_id: caseId,
      base_version: await version(central, caseId),
      at: '2027-03-10T09:00:00Z',
      pause: false,
    });
    expect(resumed).toMatchObject({ status: 'applied' });
    const extend = { ...row('GDPR: told within the first month'), at: '2027-03-15T09:00:00Z' };
    expect(
      await act(central, extend, caseId, {
        reason: 'records in three systems',
        requester_informed_at: '2027-03-15T08:00:00Z',
      }),
    ).toMatchObject({ status: 'applied' });
  });

  it('applies to cases created before the migration', async () => {
    const database = await createTestDatabase();
    const client = await database.connect();
    const before = centralMigrations.findIndex((m) => m.name === 'deadline-checks');
    await installCentral(client, centralMigrations.slice(0, before));
    const early = row('GDPR: told before the request arrived');
    const caseId = await centralCase(client, early);
    await installCentral(client);
    expect(await act(client, early, caseId)).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/before the request was received/),
    });
    expect(await act(client, row('GDPR: told within the first month'), caseId)).toMatchObject({
      status: 'applied',
    });
  });
});

describe('the slack central allows for days off', () => {
  it('covers every holiday calendar where the GDPR or the CCPA applies', () => {
    const countries = new Set(
      'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO GB CH US'.split(
        ' ',
      ),
    );
    const calendars: HolidayCalendar[] = [];
    for (const country of holidayCalendarChoices().filter((c) => countries.has(c.code))) {
      calendars.push({ country: country.code, state: null, region: null });
      for (const state of country.states) {
        calendars.push({ country: country.code, state: state.code, region: null });
        for (const region of state.regions) {
          calendars.push({ country: country.code, state: state.code, region: region.code });
        }
      }
    }
    expect(calendars.length).toBeGreaterThan(100);
    let longest = { days: 0, where: '' };
    for (const spec of calendars) {
      const calendar = workingCalendar(spec);
      for (let day = DateTime.utc(2026, 1, 1); day.year < 2029; day = day.plus({ days: 1 })) {
        const moved = onOrAfterWorkingDay(calendar, day).passed.length;
        if (moved > longest.days)
          longest = { days: moved, where: `${calendar.key} ${day.toISODate()}` };
      }
    }
    expect(longest.days, longest.where).toBeGreaterThanOrEqual(4);
    expect(longest.days, longest.where).toBeLessThanOrEqual(DEADLINE_SLACK_DAYS);
  });
});
