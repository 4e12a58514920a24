import { describe, expect, it } from 'vitest';
import { actionRefusal, type DeskAccess, type DeskAction } from '../../../src/shared/role-gates';

const as = (role: DeskAccess['role']): DeskAccess => ({
  login: 'kim',
  role,
  mfaEnrolled: false,
  mfaRequired: false,
});

describe('what the desk offers each central role', () => {
  it('follows the ladder viewer < officer < approver < admin, as central does', () => {
    const actions: DeskAction[] = ['change-records', 'approve', 'admin-settings'];
    const offered = (role: DeskAccess['role']) =>
      actions.filter((a) => actionRefusal(as(role), a) === null);
    expect(offered(null)).toEqual([]);
    expect(offered('viewer')).toEqual([]);
    expect(offered('officer')).toEqual(['change-records']);
    expect(offered('approver')).toEqual(['change-records', 'approve']);
    expect(offered('admin')).toEqual(['change-records', 'approve', 'admin-settings']);
  });

  it('names the role needed and the role the login has', () => {
    expect(actionRefusal(as('viewer'), 'change-records')).toBe(
      'This needs the officer role (reflect_officer); the login "kim" has the viewer role. Ask an administrator.',
    );
    expect(actionRefusal(as('officer'), 'admin-settings')).toMatch(
      /administrator role \(reflect_admin\); the login "kim" has the officer role/,
    );
    expect(actionRefusal(as(null), 'approve')).toMatch(/has no Reflect role/);
  });

  it('gates nothing while the role is unknown: central decides', () => {
    expect(actionRefusal(null, 'admin-settings')).toBeNull();
  });
});
