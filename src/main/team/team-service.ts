import type pg from 'pg';
import type { TeamOverview } from '../../shared/team';
import { centralNow } from '../rights/central-now';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import { localTeam, pullTeamDirectory } from './team-pull';
import { removeTeamMember, setTeamMember } from './team-store';

/**
 * The team directory on the desk: read from the replica (as of the last sync, so names show
 * offline), changed by an administrator through central, which checks the role and every value
 * again. After a change the desk copies the directory at once rather than waiting for a sync.
 */
export class TeamService {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
  ) {}

  list(): TeamOverview {
    return localTeam(this.workspace.requireOpen().replica.raw);
  }

  async set(member: {
    login: string;
    displayName: string;
    email: string | null;
  }): Promise<TeamOverview> {
    return this.change('team.member-set', member.login, async (client) => {
      const { changed } = await setTeamMember(client, member);
      return { changed, fields: { hasEmail: member.email !== null } };
    });
  }

  async remove(login: string): Promise<TeamOverview> {
    return this.change('team.member-removed', login, async (client) => ({
      ...(await removeTeamMember(client, login)),
      fields: {},
    }));
  }

  private async change(
    action: string,
    login: string,
    work: (client: pg.Client) => Promise<{ changed: boolean; fields: Record<string, unknown> }>,
  ): Promise<TeamOverview> {
    const { replica, audit } = this.workspace.requireOpen();
    await centralNow(this.sync, async (client) => {
      const { changed, fields } = await work(client);
      // The login is a work identifier, not a customer's data; names and emails stay out.
      audit.record({
        actor: this.workspace.actor,
        action,
        subject: `team:${login}`,
        details: { login, changed, ...fields },
      });
      await pullTeamDirectory(client, replica.raw, new Date());
    });
    return localTeam(replica.raw);
  }
}
