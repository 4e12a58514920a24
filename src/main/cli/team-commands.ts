import { listTeam, removeTeamMember, setTeamMember } from '../team/team-store';
import { type CentralCommandContext, reportingAppErrors } from './central-command';

export const TEAM_COMMANDS = new Set([
  'central team list',
  'central team set',
  'central team remove',
]);

export const TEAM_USAGE = `  central team list --url URL                   the team directory: login, name, email, and the
                                                role PostgreSQL gives the login
  central team set --url URL --login L --name NAME [--email E]
                                                add or change a member (administrators; the
                                                login must exist on the database)
  central team remove --url URL --login L       mark a member inactive (old entries keep the name)

`;

export interface TeamOptions {
  login?: string;
  name?: string;
  email: string[];
}

export type TeamContext = CentralCommandContext;

/** `reflect central team ...`: the people behind the logins, kept by an administrator. */
export async function runTeamCommand(
  command: string,
  values: TeamOptions,
  ctx: TeamContext,
): Promise<number> {
  return reportingAppErrors(ctx, () => runCommand(command, values, ctx));
}

async function runCommand(command: string, values: TeamOptions, ctx: TeamContext): Promise<number> {
  if (command === 'central team list') {
    const team = await ctx.withCentral(ctx.url(), listTeam);
    const text =
      team.length === 0
        ? 'The team directory is empty. Add a member with: reflect central team set --url URL --login L --name NAME'
        : team
            .map(
              (m) =>
                `${m.login.padEnd(24)} ${m.displayName.padEnd(28)} ${(m.role ?? 'login gone').padEnd(10)} ${m.email ?? ''}${m.active ? '' : ' (inactive)'}`,
            )
            .join('\n');
    ctx.print(team, text);
    return 0;
  }
  if (values.login === undefined) ctx.fail('INVALID_INPUT', '--login is required.');
  const login = values.login ?? '';
  if (command === 'central team set') {
    if (values.name === undefined) ctx.fail('INVALID_INPUT', '--name is required.');
    if (values.email.length > 1) ctx.fail('INVALID_INPUT', 'Give one --email at most.');
    const result = await ctx.withCentral(ctx.url(), (client) =>
      setTeamMember(client, {
        login,
        displayName: values.name ?? '',
        email: values.email[0] ?? null,
      }),
    );
    ctx.print(
      result,
      result.changed ? `${login} is in the team directory.` : `${login}: no change.`,
    );
    return 0;
  }
  if (command === 'central team remove') {
    const result = await ctx.withCentral(ctx.url(), (client) => removeTeamMember(client, login));
    ctx.print(
      result,
      result.changed ? `${login} is now inactive.` : `${login} was already inactive.`,
    );
    return 0;
  }
  return ctx.fail('INVALID_INPUT', `Unknown command: ${command}`);
}
