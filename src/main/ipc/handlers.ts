import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import type { AppInfo, AuditVerification } from '../../shared/types';
import type { CaseService } from '../cases/case-service';
import type { DedupeService } from '../dedupe/dedupe-service';
import type { ExportService } from '../export/export-service';
import type { RightsService } from '../rights/rights-service';
import type { AlertService } from '../alerts/alert-service';
import type { TeamService } from '../team/team-service';
import type { RetentionService } from '../retention/retention-service';
import type { QualityService } from '../quality/quality-service';
import type { DeskLog } from '../logs/desk-log';
import { readStoredMap } from '../datamap/desk-map-check';
import { readDeskAccess } from '../sync/central-access';
import { refusingQueuedChangesByRole } from './role-guard';
import { AdminMfa } from '../central/admin-mfa-service';
import { RecordsService } from '../records/records-service';
import { WindowReports } from '../logs/window-reports';
import type { SubjectService } from '../subjects/subject-service';
import type { SyncController } from '../sync/sync-controller';
import type { AutoLock } from '../workspace/auto-lock';
import type { DemoOfficerChoice } from '../demo/demo-officer-choice';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { Handlers } from './dispatch';
import { safeFileName } from '../export/package-destination';
import { BACKUP_EXTENSION } from '../workspace/backup-file';

export interface Services {
  appInfo: AppInfo;
  workspace: WorkspaceService;
  sync: SyncController;
  subjects: SubjectService;
  cases: CaseService;
  exports: ExportService;
  duplicates: DedupeService;
  rights: RightsService;
  alerts: AlertService;
  team: TeamService;
  retention: RetentionService;
  quality: QualityService;
  log: DeskLog;
  autoLock: AutoLock;
  demoOfficers: DemoOfficerChoice;
  /** The system save dialog (the app); absent in the CLI, which takes a path instead. */
  chooseSavePath?: (suggestion: {
    defaultName: string;
    /** A file type to offer; none for a folder. */
    extension?: string;
  }) => Promise<string | null>;
  /** The system open dialog (the app); absent in the CLI, which takes a path instead. */
  chooseOpenPath?: (suggestion: { extension: string }) => Promise<string | null>;
  /** Shows a file or folder in the system file manager (the app). */
  revealPath?: (path: string) => void;
}

/** Every channel's implementation, over plain services: Electron, the CLI and the tests share it. */
export function createHandlers({
  appInfo,
  workspace,
  sync,
  subjects,
  cases,
  exports,
  duplicates,
  rights,
  alerts,
  team,
  retention,
  quality,
  log,
  autoLock,
  demoOfficers,
  chooseSavePath,
  chooseOpenPath,
  revealPath,
}: Services): Handlers {
  const mfa = new AdminMfa(workspace, sync);
  const records = new RecordsService(workspace, sync);
  const windowReports = new WindowReports(log);
  const handlers: Handlers = {
    'app:info': () => appInfo,
    'workspace:status': () => workspace.status(),
    'workspace:create': (input) => workspace.create(input),
    'workspace:unlock': (input) => workspace.unlock(input),
    'workspace:lock': () => workspace.lock('officer'),
    'workspace:auto-lock': () => autoLock.settings(),
    'workspace:set-auto-lock': (input) => autoLock.save(input),
    'workspace:reset-replica': (input) => workspace.resetReplica(input),
    'workspace:change-key': (input) => workspace.changeKey(input),
    'workspace:backup-info': () => ({ lastBackup: workspace.lastBackup() }),
    'workspace:backup': async ({ passphrase }) => {
      const { metadata } = workspace.requireOpen();
      if (!chooseSavePath) {
        throw new AppError(
          'INVALID_INPUT',
          'There is no save dialog here; use: reflect workspace backup --to FILE',
        );
      }
      const day = new Date().toISOString().slice(0, 10);
      const path = await chooseSavePath({
        defaultName: `${safeFileName(metadata.name)}-${day}.${BACKUP_EXTENSION}`,
        extension: BACKUP_EXTENSION,
      });
      if (path === null) return null;
      // The system dialog already asked before replacing an existing file.
      return workspace.backup({ path, passphrase, overwrite: true });
    },
    'workspace:restore': async (input) => {
      if (!chooseOpenPath) {
        throw new AppError(
          'INVALID_INPUT',
          'There is no file dialog here; use: reflect workspace restore --from FILE',
        );
      }
      const path = await chooseOpenPath({ extension: BACKUP_EXTENSION });
      if (path === null) return null;
      return workspace.restore({ path, ...input });
    },
    'audit:list': (input) => workspace.requireOpen().audit.list(input),
    'audit:verify': async () => {
      const { audit } = workspace.requireOpen();
      const result = await withCentralComparison(await audit.verify(), sync);
      // Checking the chain is itself evidence worth keeping.
      await audit.append({
        actor: workspace.actor,
        action: 'audit.verified',
        details: result.ok ? { entries: result.entries } : { brokenAt: result.brokenAt },
      });
      return result;
    },
    'sync:status': () => sync.overview(),
    'sync:connect': (input) => sync.connect(input),
    'sync:run': () => sync.run(),
    'sync:conflicts': () => sync.conflicts(),
    'sync:resolve': (input) => sync.resolve(input),
    'search:query': (input) => subjects.search(input),
    'search:facets': () => subjects.facets(),
    'subject:profile': (input) => subjects.profile(input.customerId),
    'subject:rectify': (input) => subjects.rectify(input),
    'cases:list': (input) => cases.list(input.filters),
    'cases:get': (input) => cases.get(input.caseId),
    'cases:create': (input) => cases.create(input),
    'cases:check-intake': ({ draft }) => cases.checkIntake(draft),
    'cases:duplicates': (input) => cases.duplicates(input.requester),
    'cases:act': (input) => cases.act(input.caseId, input.baseVersion, input.act),
    'rights:erasure-preview': ({ caseId }) => rights.erasurePreview(caseId),
    'rights:erase': async ({ caseId, planHash }) => {
      await rights.erase(caseId, planHash);
      return cases.get(caseId);
    },
    'rights:withdraw-consents': async ({ caseId, purposes }) => {
      await rights.withdrawConsents(caseId, purposes);
      return cases.get(caseId);
    },
    'rights:restrict': async ({ caseId, customerId, reason }) => {
      await rights.restrict(caseId, customerId, reason);
      return cases.get(caseId);
    },
    'rights:lift-restriction': async ({ caseId, customerId, reason }) => {
      await rights.liftRestriction(caseId, customerId, reason);
      return cases.get(caseId);
    },
    'rights:rectify': async (input) => {
      await rights.rectify(input);
      return cases.get(input.caseId);
    },
    'rights:reappearances': ({ customerId }) => rights.reappearances(customerId),
    'rights:decide-reappearance': async (input) => {
      await rights.decideReappearance(input);
      return rights.reappearances(null);
    },
    'cases:home': () => cases.home(),
    'rights:erasure-policies': () => rights.erasurePolicies(),
    'demo:officers': () => ({ demo: demoOfficers.view() }),
    'demo:choose-officer': ({ login }) => demoOfficers.choose(login),
    'central:access': () => ({ access: readDeskAccess(workspace.requireOpen().replica.raw) }),
    'datamap:current': () => ({ current: readStoredMap(workspace.requireOpen().replica.raw) }),
    'alerts:list': () => alerts.list(),
    'alerts:acknowledge': ({ alertId, note }) => alerts.acknowledge(alertId, note),
    'alerts:rules': () => alerts.rules(),
    'alerts:set-rule': ({ totp, ...rule }) => alerts.setRule(rule, totp),
    'team:list': () => team.list(),
    'team:set': (member) => team.set(member),
    'team:remove': ({ login }) => team.remove(login),
    'retention:overview': () => retention.overview(),
    'retention:preview': () => retention.preview(),
    'retention:runs': () => retention.runs(),
    'retention:set-policy': ({ totp, ...policy }) => retention.setPolicy(policy, totp),
    'retention:remove-policy': ({ policyId, totp }) => retention.removePolicy(policyId, totp),
    'retention:confirm': ({ policyId, confirmed, totp }) =>
      retention.confirm(policyId, confirmed, totp),
    'retention:set-schedule': ({ totp, ...schedule }) => retention.setSchedule(schedule, totp),
    'retention:run': () => retention.runNow(),
    'holds:list': (target) => retention.holds(target),
    'holds:place': ({ reason, ...target }) => retention.place(target, reason),
    'holds:release': ({ holdId, ...target }) => retention.release(holdId, target),
    'mfa:enrol': ({ totp }) => mfa.enrol(totp),
    'mfa:confirm': async ({ code }) => ({ access: await mfa.confirm(code) }),
    'rights:set-erasure-policy': ({ totp, ...policy }) => rights.setErasurePolicy(policy, totp),
    'rights:remove-erasure-policy': ({ table, totp }) => rights.removeErasurePolicy(table, totp),
    'cases:bulk': (input) => cases.bulk(input.items, input.act),
    'cases:template': (input) => cases.template(input.caseId, input.template),
    'cases:dashboard': () => cases.dashboard(),
    'cases:settings': () => cases.settings(),
    'cases:save-settings': (input) => cases.saveSettings(input),
    'cases:holiday-calendars': () => cases.holidayCalendars(),
    'cases:export-register': async ({ format }) => {
      if (!chooseSavePath) {
        throw new AppError(
          'INVALID_INPUT',
          'There is no save dialog here; use: reflect cases register --out FILE',
        );
      }
      const day = new Date().toISOString().slice(0, 10);
      const path = await chooseSavePath({
        defaultName: `register-of-requests-${day}.${format}`,
        extension: format,
      });
      if (path === null) return null;
      // The system dialog already asked before replacing an existing file.
      const written = await cases.exportRegister(format, path, { overwrite: true });
      return { path: written.path, cases: written.cases };
    },
    'records:list': () => records.list(),
    'records:save': ({ activities, totp }) => records.save(activities, totp),
    'records:remove': ({ activityId, baseVersion, totp }) =>
      records.remove(activityId, baseVersion, totp),
    'records:prefill': () => records.prefill(),
    'records:export': async ({ format, language }) => {
      if (!chooseSavePath) {
        throw new AppError(
          'INVALID_INPUT',
          `There is no save dialog here; use: reflect central records export --url URL --${format} FILE`,
        );
      }
      const day = new Date().toISOString().slice(0, 10);
      const path = await chooseSavePath({
        defaultName: `records-of-processing-${day}.${format}`,
        extension: format,
      });
      if (path === null) return null;
      // The system dialog already asked before replacing an existing file.
      return records.exportTo(format, path, language, { overwrite: true });
    },
    'exports:list': (input) => exports.list(input.caseId),
    'exports:preview': (input) => exports.preview(input.caseId),
    'exports:rows': (input) => exports.rows(input),
    'exports:create': async (request) => {
      // Refuse a blocked case or a bad redaction before the officer picks a place for it.
      const { suggestedName: name } = exports.check(request);
      await exports.confirmApproval(request);
      if (!chooseSavePath) {
        throw new AppError(
          'INVALID_INPUT',
          'There is no save dialog here; use: reflect export --case ID --out PATH',
        );
      }
      const path = await chooseSavePath(
        request.container === 'zip'
          ? { defaultName: `${name}.zip`, extension: 'zip' }
          : { defaultName: name },
      );
      if (path === null) return null;
      // The dialog asked before replacing; the service still replaces only an earlier package.
      return exports.create(request, { path, overwrite: true });
    },
    'exports:propose': ({ caseId, redactions }) => exports.propose(caseId, redactions),
    'exports:proposed': ({ caseId }) => exports.proposed(caseId),
    'exports:verify': (input) => exports.verify(input.exportId),
    'exports:reveal': (input) => {
      const record = exports.get(input.exportId);
      if (!revealPath) throw new AppError('INVALID_INPUT', `The package is at ${record.path}.`);
      if (!existsSync(record.path)) {
        throw new AppError('NOT_FOUND', `The package is no longer at ${record.path}.`);
      }
      revealPath(record.path);
      return null;
    },
    'exports:statement': (input) => exports.statement(input.language),
    'exports:save-statement': ({ language, ...statement }) =>
      exports.saveStatement(statement, language),
    'exports:labels': (input) => exports.labels(input.language),
    'exports:save-labels': (input) => exports.saveLabels(input.language, input.labels),
    'duplicates:clusters': (filter) => duplicates.clusters(filter),
    'duplicates:check': async (input) => {
      const summary = await duplicates.check(input.kind);
      // The day's figures for the trend; the check is done whether or not they could be counted.
      await quality.recordSnapshot().catch((error: unknown) => {
        log.incident({ event: 'background-failure', task: 'quality-snapshot', error });
      });
      return summary;
    },
    'duplicates:compare': (input) => duplicates.compare(input.customerIds),
    'duplicates:dismiss': (input) => {
      duplicates.dismiss(input.customerIds);
      return null;
    },
    'duplicates:dismissed': (input) => duplicates.dismissed(input.limit),
    'duplicates:undismiss': (input) => {
      duplicates.undismiss(input.customerIds);
      return duplicates.dismissed(100);
    },
    'duplicates:merge': (request) => duplicates.merge(request),
    'duplicates:unmerge': (input) => duplicates.unmerge(input.opId),
    'duplicates:merges': (input) => duplicates.merges(input.customerId),
    'quality:summary': () => quality.summary(),
    'quality:central': () => quality.central(),
    'quality:records': (input) => quality.records(input),
    'quality:trend': () => quality.trend(),
    'log:report': (input) => windowReports.report(input),
    'log:reveal': () => {
      if (!revealPath) throw new AppError('INVALID_INPUT', `The log is at ${log.path}.`);
      if (existsSync(log.path)) revealPath(log.path);
      else {
        // Nothing went wrong yet, so there is no file: show the (owner-only) folder it will be in.
        mkdirSync(dirname(log.path), { recursive: true, mode: 0o700 });
        revealPath(dirname(log.path));
      }
      return null;
    },
  };
  return refusingQueuedChangesByRole(handlers, () =>
    readDeskAccess(workspace.requireOpen().replica.raw),
  );
}

/**
 * Adds to an intact local chain how it compares with central: the first entry where they part
 * breaks the verification too; central being out of reach is said, not treated as a break.
 */
async function withCentralComparison(
  local: AuditVerification,
  sync: SyncController,
): Promise<AuditVerification> {
  if (!local.ok) return local;
  let comparison;
  try {
    comparison = await sync.compareAudit();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ...local, central: `Not compared with central: ${why}` };
  }
  if (comparison === null) return { ...local, central: 'No central database is set up.' };
  if (comparison.difference) {
    return {
      ok: false,
      entries: local.entries,
      brokenAt: comparison.difference.seq,
      reason: `compared with central: ${comparison.difference.reason}`,
    };
  }
  return {
    ...local,
    central: `Matches central for the ${comparison.matching} entries it holds.`,
  };
}
