import type { AppInfo } from '../../shared/types';
import type { SubjectService } from '../subjects/subject-service';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { Handlers } from './dispatch';

export interface Services {
  appInfo: AppInfo;
  workspace: WorkspaceService;
  sync: SyncController;
  subjects: SubjectService;
}

/** Every channel's implementation, over plain services: Electron, the CLI and the tests share it. */
export function createHandlers({ appInfo, workspace, sync, subjects }: Services): Handlers {
  return {
    'app:info': () => appInfo,
    'workspace:status': () => workspace.status(),
    'workspace:create': (input) => workspace.create(input),
    'workspace:unlock': (input) => workspace.unlock(input),
    'workspace:lock': () => workspace.lock(),
    'workspace:reset-replica': (input) => workspace.resetReplica(input),
    'audit:list': (input) => workspace.requireOpen().audit.list(input),
    'audit:verify': async () => {
      const { audit } = workspace.requireOpen();
      const result = await audit.verify();
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
  };
}
