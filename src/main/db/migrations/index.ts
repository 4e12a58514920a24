import { replicaTables } from './001-replica-tables';
import { syncLocalTables } from './002-sync-local-tables';
import { auditChain } from './003-audit-chain';
import { searchIndex } from './004-search-index';
import { casesTables } from './005-cases';
import { exportsTable } from './006-exports';
import { dedupeTables } from './007-dedupe';
import { dedupeEvidence } from './008-dedupe-evidence';
import { caseActions } from './009-case-actions';
import { erasedSubjects } from './010-erased-subjects';
import { searchFolding } from './011-search-folding';
import { accessAlerts } from './012-access-alerts';
import { teamDirectory } from './013-team-directory';
import { processingRecords } from './014-processing-records';
import { qualitySnapshots } from './015-quality-snapshots';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration in order. A static list: bundling breaks scanning a folder at run time. */
export const migrations: readonly Migration[] = [
  replicaTables,
  syncLocalTables,
  auditChain,
  searchIndex,
  casesTables,
  exportsTable,
  dedupeTables,
  dedupeEvidence,
  caseActions,
  erasedSubjects,
  searchFolding,
  accessAlerts,
  teamDirectory,
  processingRecords,
  qualitySnapshots,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
