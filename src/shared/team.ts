/** One officer in the team directory central keeps: the person behind a database login. */
export interface TeamMember {
  login: string;
  displayName: string;
  email: string | null;
  active: boolean;
  /** From PostgreSQL's role membership, never typed in: admin, approver, officer, viewer, none. */
  role: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** The directory as of the last sync, and whether this desk's login may change it. */
export interface TeamOverview {
  members: TeamMember[];
  /** The last sync that read the directory; null before one did. */
  pulledAt: string | null;
}

export const MAX_DISPLAY_NAME = 120;

/**
 * How a login reads to a person: the directory's display name, or the login itself when the
 * directory has no one by that name (a login never added, or a local desk user).
 */
export function officerName(
  members: readonly TeamMember[],
  login: string | null | undefined,
): string {
  if (!login) return '';
  const member = members.find((m) => m.login === login);
  return member ? member.displayName : login;
}
