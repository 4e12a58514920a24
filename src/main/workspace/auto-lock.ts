import { autoLockSettingsSchema } from '../../shared/ipc/workspace-schemas';
import type { AutoLockSettings } from '../../shared/types';
import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import type { WorkspaceService } from './workspace-service';

const SETTING = 'auto-lock';
export const DEFAULT_AUTO_LOCK_MINUTES = 10;

/**
 * Locks the workspace after a time without input at the workstation (the shell reports the
 * system's idle time), with the minutes kept per desk; null means never. The default follows
 * the usual workstation policy of ten minutes.
 */
export class AutoLock {
  constructor(private readonly workspace: WorkspaceService) {}

  settings(): AutoLockSettings {
    const { replica } = this.workspace.requireOpen();
    return readDeskSetting(replica.raw, SETTING, autoLockSettingsSchema, () => ({
      minutes: DEFAULT_AUTO_LOCK_MINUTES,
    }));
  }

  async save(input: AutoLockSettings): Promise<AutoLockSettings> {
    const { replica, audit } = this.workspace.requireOpen();
    const saved = writeDeskSetting(replica.raw, SETTING, autoLockSettingsSchema.parse(input));
    await audit.append({
      actor: this.workspace.actor,
      action: 'workspace.auto-lock-set',
      details: { minutes: saved.minutes },
    });
    return saved;
  }

  /** The workstation has had no input for `seconds`: locks when that is past the setting. */
  async idle(seconds: number): Promise<boolean> {
    if (!this.workspace.isOpen) return false;
    const { minutes } = this.settings();
    if (minutes === null || seconds < minutes * 60) return false;
    await this.workspace.lock('idle');
    return true;
  }
}
