import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { confirmEnrolment, enrolAdmin } from '../../../src/main/central/admin-mfa';
import { REFERENCE_DATA_MAP } from '../../../src/main/datamap/reference-data-map';
import { defaultStatement } from '../../../src/main/export/statement-defaults';
import { proposeActivities, readRetentionRules } from '../../../src/main/records/records-prefill';
import {
  readActivities,
  readChanges,
  removeActivity,
  saveActivities,
} from '../../../src/main/records/records-store';
import { processingActivitySchema, type ProcessingActivity } from '../../../src/shared/records';
import { REQUESTER_LANGUAGES } from '../../../src/shared/requester-languages';
import {
  createLoginRole,
  createTestDatabase,
  type TestDatabase,
} from '../../support/postgres-database';
import { base32Decode, centralSeconds, totp } from '../../support/totp';

let database: TestDatabase;
let owner: pg.Client;

const statements = Object.fromEntries(
  REQUESTER_LANGUAGES.map((l) => [l, defaultStatement(l, 'Example Shop Ltd')]),
) as Parameters<typeof proposeActivities>[0]['statements'];

function proposal(): ProcessingActivity[] {
  return proposeActivities({
    map: REFERENCE_DATA_MAP,
    statements,
    retention: [],
    controllerContact: 'Example Shop Ltd, 1 High Street, London',
    dpoContact: 'dpo@example.org',
  });
}

const activity = (changes: Partial<ProcessingActivity> = {}): ProcessingActivity =>
  processingActivitySchema.parse({
    activity_id: 'newsletter',
    name: 'Newsletter',
    purposes: 'Sending the monthly newsletter.',
    legal_basis: 'Consent (Article 6(1)(a) GDPR).',
    subject_categories: ['Subscribers'],
    data_categories: ['contact', 'preferences'],
    report_sections: ['consents'],
    retention: 'Until the subscriber unsubscribes.',
    ...changes,
  });

async function login(group: string): Promise<pg.Client> {
  return database.connect(await createLoginRole(database, group));
}

/** Calls central directly, as a desk that skipped its own checks would. */
async function raw(
  client: pg.ClientBase,
  payload: unknown,
): Promise<{ status: string; reason?: string }> {
  const r = await client.query<{ o: { status: string; reason?: string } }>(
    'SELECT reflect.apply_operation($1, $2, $3) AS o',
    [randomUUID(), 'records.set', JSON.stringify(payload)],
  );
  const outcome = r.rows[0]?.o;
  if (!outcome) throw new Error('central returned no outcome');
  return outcome;
}

beforeEach(async () => {
  database = await createTestDatabase({ central: true });
  owner = await database.connect();
});

describe('records of processing on central', () => {
  it('pre-fills retention from the policies an administrator confirmed', async () => {
    // The seed's defaults are unconfirmed: they say nothing yet.
    expect(await readRetentionRules(owner)).toEqual([]);
    const confirm = async (category: string) => {
      const id = await owner.query<{ id: string }>(
        'SELECT id::text FROM reflect.retention_policies WHERE category = $1',
        [category],
      );
      await owner.query('SELECT reflect.apply_operation($1, $2, $3)', [
        randomUUID(),
        'retention.confirm',
        JSON.stringify({ policy_id: id.rows[0]?.id }),
      ]);
    };
    await confirm('transactional');
    await confirm('behavioural');
    const rules = await readRetentionRules(await login('reflect_viewer'));
    expect(rules).toEqual([
      expect.objectContaining({ tableName: 'reflect.events', period: '90 days', action: 'delete' }),
      expect.objectContaining({ tableName: 'reflect.orders', period: '7 years', anchor: 'event' }),
    ]);
    const proposed = proposeActivities({
      map: REFERENCE_DATA_MAP,
      statements,
      retention: rules,
      controllerContact: 'Example Shop Ltd',
      dpoContact: 'dpo@example.org',
    });
    const retentionOf = (id: string) => proposed.find((a) => a.activity_id === id)?.retention;
    expect(retentionOf('orders')).toBe('Deleted 7 years after the event.');
    expect(retentionOf('events')).toBe('Deleted 90 days after the event.');
    // Not covered by a policy: the statement's words.
    expect(retentionOf('identity')).toBe(statements.en.categories.identity.retention);
  });

  it('pre-fills one activity per section of the reference data map, without retention policies', async () => {
    // Central has no reflect.retention_policies here: no rules, and no error.
    expect(await readRetentionRules(owner)).toEqual([]);
    const proposed = proposal();
    expect(proposed.map((a) => a.activity_id)).toEqual([
      'identity',
      'addresses',
      'orders',
      'interactions',
      'events',
      'consents',
    ]);
    const identity = proposed[0];
    if (!identity) throw new Error('nothing proposed');
    expect(identity.report_sections).toEqual(['identity']);
    // The map's own column categories, without what is not about the person.
    expect(identity.data_categories).toContain('contact');
    expect(identity.data_categories).not.toContain('not_personal');
    expect(identity.purposes).toBe(statements.en.categories.identity.purposes);
    expect(identity.retention).toBe(statements.en.categories.identity.retention);
    expect(identity.requester_text.de?.purposes).toBe(statements.de.categories.identity.purposes);

    const admin = await login('reflect_admin');
    expect(await saveActivities(admin, proposed)).toEqual({
      changed: proposed.map((a) => a.activity_id),
      unchanged: 0,
    });
    // Proposed again as new, they are refused: the register has them, and the edits in it count.
    await expect(saveActivities(admin, proposed)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /identity: an activity with this id exists already \(version 1\)/,
      ),
    });
    // Applied as a file (no version given), the same texts change nothing and make no version.
    const asFile = proposed.map(({ base_version: _, ...a }) => a);
    expect(await saveActivities(admin, asFile)).toEqual({ changed: [], unchanged: 6 });
    const viewer = await login('reflect_viewer');
    const stored = await readActivities(viewer);
    expect(stored).toHaveLength(6);
    expect(stored.every((a) => a.version === 1)).toBe(true);
  });

  it('uses confirmed retention rules for the groups they name, by table or category', () => {
    const proposed = proposeActivities({
      map: REFERENCE_DATA_MAP,
      statements,
      retention: [
        { category: null, tableName: 'events', keepDays: 395, anchor: 'event', action: 'delete' },
        {
          category: 'financial',
          tableName: null,
          keepDays: 3650,
          anchor: 'event',
          action: 'anonymise',
        },
      ],
      controllerContact: '',
      dpoContact: '',
    });
    const byId = new Map(proposed.map((a) => [a.activity_id, a]));
    expect(byId.get('events')?.retention).toBe('Deleted 395 days after the event.');
    expect(byId.get('orders')?.retention).toBe('Anonymised 3650 days after the event.');
    // English only: the other languages then read the same rule, not the example's period.
    expect(byId.get('events')?.requester_text.de?.retention).toBeUndefined();
    expect(byId.get('identity')?.retention).toBe(statements.en.categories.identity.retention);
  });

  it('lets only administrators change the register; every role reads it', async () => {
    for (const group of ['reflect_viewer', 'reflect_officer', 'reflect_approver']) {
      const client = await login(group);
      await expect(saveActivities(client, [activity()])).rejects.toMatchObject({
        code: 'ROLE_REFUSED',
        message: expect.stringMatching(/Only an administrator's login/),
      });
      await expect(removeActivity(client, 'newsletter', null)).rejects.toMatchObject({
        code: 'ROLE_REFUSED',
      });
    }
    const admin = await login('reflect_admin');
    await saveActivities(admin, [activity()]);
    const viewer = await login('reflect_viewer');
    expect((await readActivities(viewer)).map((a) => a.name)).toEqual(['Newsletter']);
    // Not even an administrator writes the tables directly.
    await expect(admin.query(`DELETE FROM reflect.processing_records`)).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('keeps every version, and the history cannot be rewritten', async () => {
    const admin = await login('reflect_admin');
    await saveActivities(admin, [activity()]);
    await saveActivities(admin, [
      activity({ purposes: 'Sending the weekly newsletter.', base_version: 1 }),
    ]);
    // An edit from a desk that read version 1 again is refused: it would overwrite version 2.
    await expect(
      saveActivities(admin, [activity({ purposes: 'Stale.', base_version: 1 })]),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/changed since it was read \(now version 2\)/),
    });
    await removeActivity(admin, 'newsletter', 2);
    expect(await readActivities(admin)).toEqual([]);
    await saveActivities(admin, [activity()]);
    const changes = await readChanges(admin);
    expect(changes.map((c) => `${c.version} ${c.change}`).sort()).toEqual([
      '1 set',
      '2 set',
      '3 remove',
      '4 set',
    ]);
    const history = await owner.query<{ purposes: string }>(
      `SELECT record ->> 'purposes' AS purposes FROM reflect.processing_record_history
       WHERE activity_id = 'newsletter' ORDER BY version`,
    );
    expect(history.rows.map((r) => r.purposes)).toEqual([
      'Sending the monthly newsletter.',
      'Sending the weekly newsletter.',
      'Sending the weekly newsletter.',
      'Sending the monthly newsletter.',
    ]);
    await expect(owner.query(`DELETE FROM reflect.processing_record_history`)).rejects.toThrow(
      /never changed or deleted/,
    );
    const audit = await owner.query<{ action: string }>(
      `SELECT action FROM reflect.audit_log WHERE action LIKE 'records.%' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'records.set',
      'records.set',
      'records.remove',
      'records.set',
    ]);
  });

  it('needs a fresh two-step code from an enrolled administrator', async () => {
    const admin = await login('reflect_admin');
    const secret = base32Decode((await enrolAdmin(admin)).secretBase32);
    const now = await centralSeconds(admin);
    await confirmEnrolment(admin, totp(secret, now));
    await expect(saveActivities(admin, [activity()])).rejects.toMatchObject({
      code: 'MFA_REQUIRED',
      message: expect.stringMatching(/records\.set" needs a fresh two-step code/),
    });
    expect(await readActivities(admin)).toEqual([]);
    await saveActivities(admin, [activity()], totp(secret, now + 30));
    await expect(removeActivity(admin, 'newsletter', 1)).rejects.toMatchObject({
      code: 'MFA_REQUIRED',
    });
    expect(await readActivities(admin)).toHaveLength(1);
  });

  it('refuses bad input itself, whatever the desk sent', async () => {
    const admin = await login('reflect_admin');
    const good = { ...activity(), base_version: null };
    const refusals: [unknown, RegExp][] = [
      [{ ...good, purposes: 'x'.repeat(4001) }, /newsletter: the purposes is longer than 4000/],
      [{ ...good, name: 'two\nlines' }, /the name contains a control character/],
      [{ ...good, purposes: 'bell\u0007' }, /the purposes contains a control character/],
      [{ ...good, data_categories: ['contact', 'shoe_size'] }, /"shoe_size", which is not one of/],
      [{ ...good, data_categories: [] }, /the categories of data is empty/],
      [{ ...good, report_sections: ['payroll'] }, /"payroll", which is not one of/],
      [{ ...good, subject_categories: ['x'.repeat(201)] }, /longer than 200/],
      [{ ...good, activity_id: 'Not An Id' }, /is not 1 to 63 lower-case/],
      [{ ...good, language: 'xx' }, /the language "xx"/],
      [{ ...good, requester_text: { en: { purposes: 'same language' } } }, /not another language/],
      [{ ...good, requester_text: { de: { source: 'x' } } }, /has a field "source"/],
      [{ ...good, purposes: 42 }, /the purposes is not text/],
      [{ activities: [] }, /at least one activity/],
    ];
    for (const [payload, reason] of refusals) {
      const body = (payload as { activities?: unknown }).activities
        ? payload
        : { activities: [payload] };
      expect(await raw(admin, body), String(reason)).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(reason),
      });
    }
    expect(await raw(admin, { activities: [good, good] })).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/named twice/),
    });
    // PostgreSQL itself refuses a NUL in jsonb: nothing reaches the table.
    await expect(
      admin.query('SELECT reflect.apply_operation($1, $2, $3)', [
        randomUUID(),
        'records.set',
        JSON.stringify({ activities: [{ ...good, name: 'a\u0000b' }] }),
      ]),
    ).rejects.toMatchObject({ code: '22P05' });
    expect(await readActivities(admin)).toEqual([]);
    expect(await raw(admin, { activities: [good] })).toMatchObject({ status: 'applied' });
  });
});

describe('proposals from a company data map', () => {
  it('gives tables outside the reference schema their own activity, with distinct ids', () => {
    const proposed = proposeActivities({
      map: {
        format: 'reflect-data-map/1',
        subject: { table: 'crm.person', identity: {} },
        tables: [
          { table: 'crm.person', key: ['id'], columns: { email: { category: 'contact' } } },
          {
            table: 'crm_person.x',
            key: ['id'],
            link: { kind: 'belongs-to', to: 'crm.person', on: [['person_id', 'id']] },
            columns: { note: { category: 'free_text' } },
          },
          {
            table: 'crm.person_x',
            key: ['id'],
            link: { kind: 'belongs-to', to: 'crm.person', on: [['person_id', 'id']] },
            columns: { note: { category: 'free_text' } },
          },
          {
            table: 'crm.codes',
            key: ['id'],
            link: { kind: 'lookup', to: 'crm.person', on: [['id', 'code_id']] },
            columns: { code: { category: 'not_personal' } },
          },
        ],
        questions: [],
      },
      statements,
      retention: [],
      controllerContact: '',
      dpoContact: '',
    });
    // A table with nothing personal in it is no processing of people.
    expect(proposed.map((a) => a.activity_id)).toEqual([
      'crm-person',
      'crm-person-x',
      'crm-person-x-2',
    ]);
    expect(proposed[0]).toMatchObject({ report_sections: [], data_categories: ['contact'] });
    for (const a of proposed) expect(processingActivitySchema.safeParse(a).success).toBe(true);
  });
});
