import { resolve } from 'node:path';
import { uninstallCentral, type UninstallResult } from '../central/uninstall';
import { type CentralCommandContext, reportingAppErrors } from './central-command';

export const UNINSTALL_COMMANDS = new Set(['central uninstall']);

export const UNINSTALL_USAGE = `  central uninstall --url URL --confirm DATABASE (--audit-out FILE | --discard-audit)
                    [--delete-reference-data]
                                                remove Reflect from the database: the triggers
                                                on the company's tables, then schema reflect;
                                                the company's tables are left as before install

`;

export interface UninstallCommandOptions {
  confirm?: string;
  'audit-out'?: string;
  'discard-audit': boolean;
  'delete-reference-data': boolean;
}

/** `reflect central uninstall`: run by the account that installed Reflect. */
export async function runUninstallCommand(
  values: UninstallCommandOptions,
  ctx: CentralCommandContext,
): Promise<number> {
  return reportingAppErrors(ctx, async () => {
    if (!values.confirm) {
      ctx.fail(
        'INVALID_INPUT',
        '--confirm DATABASE is required: the name of the database to remove Reflect from.',
      );
    }
    if (values['audit-out'] !== undefined && values['discard-audit']) {
      ctx.fail('INVALID_INPUT', 'Give --audit-out FILE or --discard-audit, not both.');
    }
    const result = await ctx.withCentral(ctx.url(), (client) =>
      uninstallCentral(client, {
        confirm: values.confirm ?? '',
        deleteReferenceData: values['delete-reference-data'],
        auditOut: values['audit-out'] === undefined ? null : resolve(values['audit-out']),
        discardAudit: values['discard-audit'],
      }),
    );
    ctx.print(result, describeUninstall(result));
    return 0;
  });
}

function describeUninstall(r: UninstallResult): string {
  if (!r.uninstalled)
    return `Reflect is not installed in the database "${r.database}": nothing to remove.`;
  return [
    `Reflect is removed from the database "${r.database}".`,
    r.uncaptured.length > 0
      ? `Change capture removed from ${r.uncaptured.length} tables: ${r.uncaptured.join(', ')}.`
      : 'No company table had change capture.',
    r.referenceCustomers > 0
      ? `The reference tables' ${r.referenceCustomers} customers are deleted.`
      : null,
    r.auditFile
      ? `Central's audit log (${r.auditEntries} entries) is saved in ${r.auditFile.path} (SHA-256 ${r.auditFile.sha256}).`
      : r.auditEntries > 0
        ? `Central's audit log (${r.auditEntries} entries) was discarded.`
        : null,
    r.rolesLeft.length > 0
      ? `The roles ${r.rolesLeft.join(', ')} are left: they belong to the whole server, and other databases may use them. Drop them (DROP ROLE) once none does.`
      : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
