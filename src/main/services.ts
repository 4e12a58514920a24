import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { DedupeProgress } from '../shared/dedupe';
import type { ExportProgress } from '../shared/exports';
import type { QualityProgress } from '../shared/quality';
import type { AppInfo, SyncOverview, SyncProgress, WorkspaceStatus } from '../shared/types';
import { createHandlers, type Services } from './ipc/handlers';
import type { Handlers } from './ipc/dispatch';
import { createKeytarStore, type SecretStore } from './secrets/keychain';
import { DemoHost, type DemoStartStep } from './demo/demo-host';
import { DemoOfficerChoice } from './demo/demo-officer-choice';
import { CaseService } from './cases/case-service';
import { DedupeService } from './dedupe/dedupe-service';
import { DeskLog } from './logs/desk-log';
import { inProcessDetectionRunner, type DetectionRunner } from './dedupe/dedupe-runners';
import { ExportApproval } from './export/export-approval';
import { ExportService } from './export/export-service';
import { inProcessExportRunner, type ExportRunner } from './export/export-runners';
import { RightsService } from './rights/rights-service';
import { AlertService } from './alerts/alert-service';
import { TeamService } from './team/team-service';
import { RetentionService } from './retention/retention-service';
import { QualityService } from './quality/quality-service';
import { SubjectService } from './subjects/subject-service';
import { SyncController } from './sync/sync-controller';
import { inProcessRunner, type SyncRunner } from './sync/sync-runners';
import { timeoutsFromEnvironment, type CentralTimeouts } from './sync/central-client';
import { AutoLock } from './workspace/auto-lock';
import { WorkspaceService } from './workspace/workspace-service';
import { stopRunningJobs } from './workers/worker-job';
import type { StepHook } from './workspace/workspace-change';

export const APP_NAME = 'Reflect Privacy Desk';

export interface ServiceConfig {
  dataDir: string;
  version: string;
  secrets?: SecretStore;
  actor?: string;
  scryptCost?: number;
  onStateChange?: (status: WorkspaceStatus) => void;
  onSyncState?: (overview: SyncOverview) => void;
  onSyncProgress?: (progress: SyncProgress) => void;
  /** Where syncs run: in this thread by default; the app passes a worker-thread runner. */
  syncRunner?: SyncRunner;
  /** How long syncs wait for central; REFLECT_CENTRAL_TIMEOUT_SECONDS or the defaults otherwise. */
  syncTimeouts?: CentralTimeouts;
  /** How long a sync waits for one running elsewhere; REFLECT_SYNC_LOCK_WAIT_SECONDS otherwise. */
  syncLockWaitMs?: number;
  /** Background sync while unlocked (the app); the CLI and tests sync only when asked. */
  autoSyncIntervalMs?: number;
  /** The clock deadlines are counted against; tests fix it. */
  now?: () => Date;
  /** The system save dialog, given by the Electron shell. */
  chooseSavePath?: Services['chooseSavePath'];
  /** The system open dialog, given by the Electron shell. */
  chooseOpenPath?: Services['chooseOpenPath'];
  /** Shows a file in the system file manager, given by the Electron shell. */
  revealPath?: Services['revealPath'];
  /** Where exports run: in this thread by default; the app passes a worker-thread runner. */
  exportRunner?: ExportRunner;
  onExportProgress?: (progress: ExportProgress) => void;
  /** Where duplicate checks run: in this thread by default; the app passes a worker-thread runner. */
  detectionRunner?: DetectionRunner;
  onDedupeProgress?: (progress: DedupeProgress) => void;
  onQualityProgress?: (progress: QualityProgress) => void;
  /** Hears each step of starting the demo central, for the first-run screen. */
  onDemoStep?: (step: DemoStartStep) => void;
  /** The prepared demo central the build ships; absent, a demo first start creates and seeds one. */
  demoSnapshotDir?: string;
  /** Called at each step of a key change or restore; only tests pass it (to stop there). */
  onChangeStep?: StepHook;
  /** The workspace's log; the app opens it before the services, to record their start too. */
  log?: DeskLog;
}

/** Wires the main-process services once; used by the Electron shell, the CLI and the tests alike. */
export function createServices(config: ServiceConfig): {
  workspace: WorkspaceService;
  sync: SyncController;
  subjects: SubjectService;
  cases: CaseService;
  exports: ExportService;
  duplicates: DedupeService;
  rights: RightsService;
  quality: QualityService;
  autoLock: AutoLock;
  handlers: Handlers;
  appInfo: AppInfo;
  log: DeskLog;
} {
  const log = config.log ?? new DeskLog({ dataDir: config.dataDir, appVersion: config.version });
  const secrets = config.secrets ?? createKeytarStore();
  let sync: SyncController | null = null;
  // Assigned below; the workspace asks them only once a key change or backup is requested.
  let exportsService: ExportService | null = null;
  let duplicatesService: DedupeService | null = null;
  const workspace = new WorkspaceService({
    dataDir: config.dataDir,
    secrets,
    // Marked local: it is the OS account, not a central login, until a connection is set.
    actor: config.actor ?? `local:${safeUsername()}`,
    ...(config.scryptCost === undefined ? {} : { scryptCost: config.scryptCost }),
    ...(config.onStateChange ? { onStateChange: config.onStateChange } : {}),
    onOpened: async (metadata) => {
      if (!sync) return;
      if (metadata.demo) {
        await sync.connect({ url: await demo.start(config.onDemoStep, demoOfficers.chosen()) });
      }
      if (config.autoSyncIntervalMs !== undefined) sync.startAutoSync(config.autoSyncIntervalMs);
    },
    onClosing: async () => {
      sync?.stopAutoSync();
      // Every job thread ends (and its copy of the key with it) before the replica closes.
      const stoppedJobs = await stopRunningJobs('the workspace was locked');
      await demo.stop();
      return { stoppedJobs };
    },
    appVersion: config.version,
    busyWith: (): string | null =>
      sync?.isRunning
        ? 'A sync'
        : exportsService?.isRunning
          ? 'An export'
          : duplicatesService?.isRunning
            ? 'A duplicate check'
            : null,
    ...(config.onChangeStep ? { onChangeStep: config.onChangeStep } : {}),
  });
  const demo = new DemoHost(config.dataDir, {
    snapshotDir: config.demoSnapshotDir ?? null,
  });
  const demoOfficers = new DemoOfficerChoice(workspace, demo, () => {
    if (!sync) throw new Error('sync is not set up yet');
    return sync;
  });
  const appInfo: AppInfo = {
    name: APP_NAME,
    version: config.version,
    platform: process.platform,
    dataDir: config.dataDir,
    log: { path: log.path, maxBytes: log.limits.maxBytes, rotatedFiles: log.limits.keep },
  };
  const pageSize = Number(process.env.REFLECT_SYNC_PAGE_SIZE);
  const lockWaitSeconds = Number(process.env.REFLECT_SYNC_LOCK_WAIT_SECONDS);
  sync = new SyncController(
    workspace,
    secrets,
    {
      ...(config.onSyncState ? { onState: config.onSyncState } : {}),
      ...(config.onSyncProgress ? { onProgress: config.onSyncProgress } : {}),
      // Records a sync changed are re-checked for duplicates; a failure there is not the sync's,
      // and no one is waiting for it, so the log is where it is seen.
      onSynced: () =>
        void duplicates
          .afterSync()
          .catch((error: unknown) => {
            log.incident({ event: 'background-failure', task: 'duplicates-after-sync', error });
          })
          // The day's data-quality figures for the trend, after the duplicates were re-checked.
          .then(() => quality.recordSnapshot('sync'))
          .catch((error: unknown) => {
            log.incident({ event: 'background-failure', task: 'quality-snapshot', error });
          }),
    },
    {
      runner: config.syncRunner ?? inProcessRunner,
      ...(Number.isInteger(pageSize) && pageSize > 0 ? { pageSize } : {}),
      timeouts: config.syncTimeouts ?? timeoutsFromEnvironment(),
      ...(config.syncLockWaitMs !== undefined
        ? { lockWaitMs: config.syncLockWaitMs }
        : Number.isFinite(lockWaitSeconds) && lockWaitSeconds >= 0
          ? { lockWaitMs: lockWaitSeconds * 1000 }
          : {}),
    },
  );
  const subjects = new SubjectService(workspace, config.now);
  const cases = new CaseService(workspace, config.now);
  const exports = new ExportService(workspace, cases, {
    runner: config.exportRunner ?? inProcessExportRunner,
    approval: new ExportApproval(sync, config.now ?? (() => new Date())),
    appVersion: config.version,
    ...(config.now ? { now: config.now } : {}),
    ...(config.onExportProgress ? { onProgress: config.onExportProgress } : {}),
  });
  const duplicates = new DedupeService(workspace, {
    runner: config.detectionRunner ?? inProcessDetectionRunner,
    ...(config.now ? { now: config.now } : {}),
    ...(config.onDedupeProgress ? { onProgress: config.onDedupeProgress } : {}),
    onBackgroundFailure: (error) =>
      log.incident({ event: 'background-failure', task: 'duplicates-after-sync', error }),
  });
  exportsService = exports;
  duplicatesService = duplicates;
  const rights = new RightsService(workspace, sync);
  const alerts = new AlertService(workspace, sync);
  const team = new TeamService(workspace, sync);
  const retention = new RetentionService(workspace, sync);
  const quality = new QualityService(workspace, sync, {
    ...(config.now ? { now: config.now } : {}),
    ...(config.onQualityProgress ? { onProgress: config.onQualityProgress } : {}),
  });
  const autoLock = new AutoLock(workspace);
  return {
    workspace,
    sync,
    subjects,
    cases,
    exports,
    duplicates,
    rights,
    quality,
    autoLock,
    appInfo,
    log,
    handlers: createHandlers({
      autoLock,
      demoOfficers,
      appInfo,
      log,
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
      ...(config.chooseSavePath ? { chooseSavePath: config.chooseSavePath } : {}),
      ...(config.revealPath ? { revealPath: config.revealPath } : {}),
      ...(config.chooseOpenPath ? { chooseOpenPath: config.chooseOpenPath } : {}),
    }),
  };
}

/** Where the workspace lives unless REFLECT_DATA_DIR says otherwise (same place Electron's userData uses). */
export function defaultDataDir(): string {
  if (process.env.REFLECT_DATA_DIR) return process.env.REFLECT_DATA_DIR;
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, APP_NAME, 'workspace');
}

function safeUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
