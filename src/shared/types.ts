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
  /** Syncs from the embedded demo central database (synthetic data). */
  demo: boolean;
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

export type SyncState = 'not-configured' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncProgress {
  phase: 'snapshot' | 'replay';
  table: string | null;
  rowsDone: number;
  rowsTotal: number | null;
  rowsPerSecond: number;
  secondsLeft: number | null;
}

export interface SyncOverview {
  state: SyncState;
  /** Where the desk syncs from, without the password. */
  connection: {
    host: string;
    port: number;
    database: string;
    user: string;
    sslMode: string;
  } | null;
  lastSyncAt: string | null;
  lastError: string | null;
  pendingOperations: number;
  openConflicts: number;
  progress: SyncProgress | null;
}

export interface ConflictView {
  conflictId: number;
  kind: string;
  table: string;
  pk: number;
  local: unknown;
  central: unknown;
  raisedAt: string;
  /** False when central refused the operation outright: it can only be discarded. */
  canReapply: boolean;
}
