import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AccessAlert, AlertRule, AlertRulesOverview } from '../../shared/alerts';
import { AppError } from '../../shared/errors';
import { applyOperation } from '../central/operations';
import { centralNow } from '../rights/central-now';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import { dropLocalAlert, localAlerts, replaceLocalAlerts } from './alert-pull';
import {
  isMissingAlerts,
  isPermissionDenied,
  readAlertRules,
  readOpenAlerts,
  rulePayload,
} from './central-alerts';

/**
 * The alerts on unusual access this desk's login may read, as of the last sync, and the two
 * things done with them: acknowledging one with a note (an approver or administrator) and
 * changing the rules (an administrator). Both need central to answer now; central checks the
 * role again and its answer counts.
 */
export class AlertService {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
  ) {}

  list(): AccessAlert[] {
    return localAlerts(this.workspace.requireOpen().replica.raw);
  }

  async acknowledge(alertId: string, note: string): Promise<AccessAlert[]> {
    const { replica, audit } = this.workspace.requireOpen();
    const open = await this.central(async (client) => {
      const outcome = await applyOperation(client, {
        opId: randomUUID(),
        kind: 'alerts.acknowledge',
        payload: { alert_id: alertId, note },
      });
      if (outcome.status === 'rejected') {
        throw new AppError('INVALID_INPUT', `Central refused: ${sentence(outcome.reason)}`);
      }
      return readOpenAlerts(client);
    });
    audit.record({
      actor: this.workspace.actor,
      action: 'alert.acknowledged',
      subject: `alert:${alertId}`,
      details: { alertId, noteLength: note.trim().length },
    });
    dropLocalAlert(replica.raw, alertId);
    replaceLocalAlerts(replica.raw, open);
    return open;
  }

  rules(): Promise<AlertRulesOverview> {
    return this.central(async (client) => {
      try {
        return await readAlertRules(client);
      } catch (error) {
        if (isPermissionDenied(error)) {
          throw new AppError(
            'ROLE_REFUSED',
            `Central shows the alert rules to approvers and administrators only; this desk logs in as "${await login(client)}". Ask an administrator.`,
          );
        }
        if (isMissingAlerts(error)) {
          throw new AppError(
            'INVALID_INPUT',
            'The central database has no alert rules yet: an administrator runs `reflect central install` to upgrade it.',
          );
        }
        throw error;
      }
    });
  }

  setRule(rule: AlertRule, totp?: string): Promise<AlertRulesOverview> {
    return this.central(async (client) => {
      const overview = await readAlertRules(client).catch((error: unknown) => {
        if (isPermissionDenied(error)) return null;
        throw error;
      });
      if (!overview?.canChange) {
        throw new AppError(
          'ROLE_REFUSED',
          `Only an administrator's login can change the alert rules; this desk logs in to central as "${await login(client)}". Ask an administrator, or connect this desk with an administrator's login in Settings.`,
        );
      }
      const outcome = await applyOperation(
        client,
        { opId: randomUUID(), kind: 'alerts.set-rule', payload: rulePayload(rule) },
        totp === undefined ? {} : { totp },
      );
      if (outcome.status === 'rejected') {
        throw new AppError(
          'INVALID_INPUT',
          `Not saved. Central refused: ${sentence(outcome.reason)}`,
        );
      }
      this.workspace.requireOpen().audit.record({
        actor: this.workspace.actor,
        action: 'alert.rule-set',
        details: { ...rulePayload(rule) },
      });
      return readAlertRules(client);
    });
  }

  private central<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    return centralNow(this.sync, work);
  }
}

async function login(client: pg.ClientBase): Promise<string> {
  return (await client.query<{ u: string }>('SELECT session_user AS u')).rows[0]?.u ?? '';
}

function sentence(reason: string): string {
  const text = reason.trim();
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}
