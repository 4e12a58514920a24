/**
 * What each central role may do on the desk, the same ladder central enforces (central/migrations
 * 4, 8, 12, 20): the desk hides or disables the rest and says why. Central re-checks every
 * operation; this only spares the officer a refusal.
 */
export const DESK_ROLES = ['viewer', 'officer', 'approver', 'admin'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export interface DeskAccess {
  login: string;
  /** null: the login has no Reflect role on central. */
  role: DeskRole | null;
  mfaEnrolled: boolean;
  mfaRequired: boolean;
}

/** rectify, erase, restrict, merge, consents, case work: officer; approve: approver; policies, data map, retention: admin. */
export type DeskAction = 'change-records' | 'approve' | 'admin-settings';

const NEEDED: Record<DeskAction, DeskRole> = {
  'change-records': 'officer',
  approve: 'approver',
  'admin-settings': 'admin',
};

const ROLE_WORD: Record<DeskRole, string> = {
  viewer: 'viewer',
  officer: 'officer',
  approver: 'approver',
  admin: 'administrator',
};

export function roleIncludes(role: DeskRole | null, needed: DeskRole): boolean {
  return role !== null && DESK_ROLES.indexOf(role) >= DESK_ROLES.indexOf(needed);
}

/**
 * null when the login may do it, else the sentence the desk shows. An unknown access (never
 * synced, or an older central) gates nothing: central decides.
 */
export function actionRefusal(access: DeskAccess | null, action: DeskAction): string | null {
  if (access === null) return null;
  const needed = NEEDED[action];
  if (roleIncludes(access.role, needed)) return null;
  const has = access.role === null ? 'no Reflect role' : `the ${ROLE_WORD[access.role]} role`;
  return `This needs the ${ROLE_WORD[needed]} role (reflect_${needed}); the login "${access.login}" has ${has}. Ask an administrator.`;
}

export interface MfaEnrolment {
  secretBase32: string;
  /** otpauth://totp/... for an authenticator app. */
  uri: string;
  qrSvg: string;
}
