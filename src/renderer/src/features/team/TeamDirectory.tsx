import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { officerName, type TeamOverview } from '../../../../shared/team';
import { useSyncedCall } from '../shell/useSyncedCall';

interface TeamDirectory {
  overview: TeamOverview | null;
  /** The person behind a login, or the login when the directory has no one by it. */
  nameOf: (login: string | null | undefined) => string;
  /** Takes the directory a change returned, so every screen shows the new name at once. */
  update: (overview: TeamOverview) => void;
}

const TeamDirectoryContext = createContext<TeamDirectory>({
  overview: null,
  nameOf: (login) => login ?? '',
  update: () => undefined,
});

/**
 * Loads the team directory once for the unlocked workspace (again after each sync), so case
 * owners, approvers, timelines and the audit trail name people without each asking main.
 */
export function TeamDirectoryProvider({ children }: { children: ReactNode }) {
  const { value, setValue } = useSyncedCall('team:list', {});
  const nameOf = useCallback(
    (login: string | null | undefined) => officerName(value?.members ?? [], login),
    [value],
  );
  // Rebuilt when the provider renders, which is when the directory loads or the layout changes
  // screen: every screen below renders then anyway.
  const directory = { overview: value, nameOf, update: setValue };
  return (
    <TeamDirectoryContext.Provider value={directory}>{children}</TeamDirectoryContext.Provider>
  );
}

export function useTeamDirectory(): TeamDirectory {
  return useContext(TeamDirectoryContext);
}

/** Shorthand for the many places that only turn a login into a name. */
export function useOfficerName(): TeamDirectory['nameOf'] {
  return useTeamDirectory().nameOf;
}
