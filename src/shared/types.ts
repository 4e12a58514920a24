/** Domain types shared by main and renderer. Plain data only: everything here crosses IPC. */

export type KeyMode = 'keychain' | 'passphrase';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  dataDir: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  keyMode: KeyMode;
  createdAt: string;
  databasePath: string;
  /** Migration level of the open replica; null while locked. */
  schemaVersion: number | null;
}

export type WorkspaceState = 'none' | 'locked' | 'unlocked';

export interface WorkspaceStatus {
  state: WorkspaceState;
  workspace: WorkspaceSummary | null;
  /** Whether the OS keychain answered a probe; when false only passphrase mode can be offered. */
  keychainAvailable: boolean;
  keychainProblem: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export type AuditVerification =
  | { ok: true; entries: number; headHash: string | null }
  | { ok: false; entries: number; brokenAt: number; reason: string };
