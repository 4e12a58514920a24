import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  confirmEnrolment,
  enrolAdmin,
  readCentralAccess,
} from '../../../src/main/central/admin-mfa';
import { pruneChangeLog } from '../../../src/main/central/change-log';
import { applyOperation } from '../../../src/main/central/operations';
import { policyPayload } from '../../../src/main/rights/erasure-policy-store';
import type { ErasurePolicy } from '../../../src/shared/erasure-policies';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';
import { base32Decode, centralSeconds, totp } from '../../support/totp';

const policy: ErasurePolicy = {
  table: 'reflect.orders',
  strategy: 'retain',
  columns: {},
  legalBasis: 'tax law',
  retainYears: 10,
  retainFrom: 'placed_at',
  thenStrategy: 'delete',
};

async function setPolicy(client: pg.ClientBase, totpCode?: string) {
  return applyOperation(
    client,
    { opId: randomUUID(), kind: 'erasure.set-policy', payload: policyPayload(policy) },
    totpCode === undefined ? {} : { totp: totpCode },
  );
}

describe('central two-step codes for admin changes', () => {
  it('computes RFC 6238 codes: the SHA-1 test vectors, to six digits', async () => {
    const database = await createTestDatabase({ central: true });
    const owner = await database.connect();
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
      [20000000000, '353130'],
    ];
    for (const [seconds, code] of vectors) {
      const r = await owner.query<{ code: string }>(
        `SELECT reflect.totp_code(convert_to('12345678901234567890', 'UTF8'), $1) AS code`,
        [Math.floor(seconds / 30)],
      );
      expect(r.rows[0]?.code, `T=${seconds}`).toBe(code);
    }
  });

  it('accepts one step of drift, refuses older codes and a code used once (injected clock)', async () => {
    const database = await createTestDatabase({ central: true });
    const owner = await database.connect();
    const secret = Buffer.from('12345678901234567890');
    await owner.query(
      `INSERT INTO reflect.admin_totp (login, secret, confirmed_at) VALUES ('clocked', $1, now())`,
      [secret],
    );
    const at = 1_900_000_000; // a fixed instant, never the wall clock
    const check = (code: string, seconds: number) =>
      owner.query(`SELECT reflect.mfa_check('clocked', $1, to_timestamp($2), false)`, [
        code,
        seconds,
      ]);
    await expect(check(totp(secret, at - 90), at)).rejects.toThrow(/not the current one/);
    await expect(check('12345', at)).rejects.toThrow(/six digits/);
    await check(totp(secret, at - 30), at); // the phone a step behind
    await expect(check(totp(secret, at - 30), at)).rejects.toThrow(/used already/);
    // A code of an earlier step than the last accepted one is a replay too.
    await check(totp(secret, at + 30), at);
    await expect(check(totp(secret, at), at)).rejects.toThrow(/used already/);
    await check(totp(secret, at + 60), at + 30);
  });

  it('enrols an admin, then needs a fresh code for each admin change', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = await database.connect(await createLoginRole(database, 'reflect_admin'));
    expect(await readCentralAccess(admin)).toMatchObject({
      role: 'admin',
      mfaEnrolled: false,
      mfaRequired: false,
    });
    // Not enrolled, not required: the change goes through, so an install works from day one.
    expect(await setPolicy(admin)).toMatchObject({ status: 'applied' });

    const enrolment = await enrolAdmin(admin);
    expect(enrolment.uri).toMatch(
      /^otpauth:\/\/totp\/Reflect%20Privacy%20Desk:officer_[0-9a-f]+\?/,
    );
    expect(enrolment.uri).toContain(`secret=${enrolment.secretBase32}`);
    const secret = base32Decode(enrolment.secretBase32);
    expect(secret).toHaveLength(20);
    // Until it is confirmed, the enrolment asks nothing.
    expect(await setPolicy(admin)).toMatchObject({ status: 'applied' });
    await expect(confirmEnrolment(admin, '000000x')).rejects.toMatchObject({
      code: 'MFA_CODE_REFUSED',
    });
    let now = await centralSeconds(admin);
    await confirmEnrolment(admin, totp(secret, now));
    expect(await readCentralAccess(admin)).toMatchObject({ mfaEnrolled: true });

    await expect(setPolicy(admin)).rejects.toMatchObject({
      code: 'MFA_REQUIRED',
      message: expect.stringMatching(/erasure\.set-policy" needs a fresh two-step code/),
    });
    // The confirming code was spent: it cannot be used again.
    await expect(setPolicy(admin, totp(secret, now))).rejects.toMatchObject({
      code: 'MFA_CODE_REFUSED',
      message: expect.stringMatching(/used already/),
    });
    await expect(setPolicy(admin, '123456')).rejects.toMatchObject({ code: 'MFA_CODE_REFUSED' });
    now = await centralSeconds(admin);
    expect(await setPolicy(admin, totp(secret, now + 30))).toMatchObject({ status: 'applied' });
    // One code, one change.
    await expect(setPolicy(admin)).rejects.toMatchObject({ code: 'MFA_REQUIRED' });

    // The desk retention is an admin change too. (Another admin: a login spends at most one code
    // per 30-second step, and this one has used the newest step central accepts now.)
    const other = await database.connect(await createLoginRole(database, 'reflect_admin'));
    const otherSecret = base32Decode((await enrolAdmin(other)).secretBase32);
    now = await centralSeconds(other);
    await confirmEnrolment(other, totp(otherSecret, now));
    await expect(pruneChangeLog(other, { retentionDays: 12 })).rejects.toMatchObject({
      code: 'MFA_REQUIRED',
      message: expect.stringMatching(/the desk retention" needs a fresh two-step code/),
    });
    await pruneChangeLog(other, { retentionDays: 12, totp: totp(otherSecret, now + 30) });
    const owner = await database.connect();
    const days = await owner.query<{ value: string }>(
      `SELECT value FROM reflect.settings WHERE key = 'desk_retention_days'`,
    );
    expect(days.rows[0]?.value).toBe('12');

    // Re-enrolling needs a code of the current secret, so a password alone cannot move it.
    await expect(enrolAdmin(admin)).rejects.toMatchObject({ code: 'MFA_REQUIRED' });
    const audit = await owner.query<{ action: string }>(
      `SELECT action FROM reflect.audit_log WHERE action LIKE 'mfa.%' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'mfa.enrol',
      'mfa.confirm',
      'mfa.enrol',
      'mfa.confirm',
    ]);
  });

  it('refuses an unenrolled admin once an enrolled admin requires codes of everyone', async () => {
    const database = await createTestDatabase({ central: true });
    const first = await database.connect(await createLoginRole(database, 'reflect_admin'));
    const second = await database.connect(await createLoginRole(database, 'reflect_admin'));
    await expect(first.query('SELECT reflect.set_admin_mfa_required(true)')).rejects.toThrow(
      /enrol for two-step codes yourself/,
    );
    const secret = base32Decode((await enrolAdmin(first)).secretBase32);
    const now = await centralSeconds(first);
    await confirmEnrolment(first, totp(secret, now));
    await first.query('SELECT reflect.mfa_verify($1)', [totp(secret, now + 30)]);
    await first.query('SELECT reflect.set_admin_mfa_required(true)');
    expect(await readCentralAccess(second)).toMatchObject({
      mfaEnrolled: false,
      mfaRequired: true,
    });
    await expect(setPolicy(second)).rejects.toMatchObject({
      code: 'MFA_REQUIRED',
      message: expect.stringMatching(/has not enrolled: enrol in Settings/),
    });
    // The enrolment itself stays open to them.
    await enrolAdmin(second);
  });

  it('keeps secrets from every login and enrolment from non-admins', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = await database.connect(await createLoginRole(database, 'reflect_admin'));
    const approver = await database.connect(await createLoginRole(database, 'reflect_approver'));
    await enrolAdmin(admin);
    for (const client of [admin, approver]) {
      await expect(client.query('SELECT secret FROM reflect.admin_totp')).rejects.toMatchObject({
        code: '42501',
      });
      await expect(client.query('SELECT * FROM reflect.admin_mfa_grants')).rejects.toMatchObject({
        code: '42501',
      });
      await expect(
        client.query(`SELECT reflect.totp_code('\\x00'::bytea, 1)`),
      ).rejects.toMatchObject({ code: '42501' });
      await expect(
        client.query(`SELECT reflect.mfa_check(session_user, '000000', now(), true)`),
      ).rejects.toMatchObject({ code: '42501' });
    }
    await expect(enrolAdmin(approver)).rejects.toMatchObject({ code: 'ROLE_REFUSED' });
    expect(await readCentralAccess(approver)).toMatchObject({ role: 'approver' });
  });
});
