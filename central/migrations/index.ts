import { referenceSchema } from './001-reference-schema';
import { changeLog } from './002-change-log';
import { operations } from './003-operations';
import { roles } from './004-roles';
import { cases } from './005-cases';
import { caseExports } from './006-case-exports';
import { mergeSurvivorship } from './007-merge-survivorship';
import { roleAndCaseRules } from './008-role-and-case-rules';
import { auditAnchoring } from './009-audit-anchoring';
import { erasurePlans } from './010-erasure-plans';
import { erasureExecution } from './011-erasure-execution';
import { rightsFromCases } from './012-rights-from-cases';
import { boundedChangeLog } from './013-bounded-change-log';
import { deadlineChecks } from './014-deadline-checks';
import { lettersFilled } from './015-letters-filled';
import { erasurePolicyChecks } from './016-erasure-policy-checks';
import { rectifyAddressesWhole } from './017-rectify-addresses-whole';
import { exportApprovals } from './018-export-approvals';
import { compositeErasureKeys } from './019-composite-erasure-keys';
import { dataMaps } from './020-data-maps';
import { mappedChangeCapture } from './021-mapped-change-capture';
import { accessAlerts } from './022-access-alerts';
import { adminMfa } from './023-admin-mfa';
import { teamMembers } from './024-team-members';
import { retention } from './025-retention';
import { recordsOfProcessing } from './026-records-of-processing';
import { qualityFigures } from './027-quality-figures';

export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
}

/** The central side's migrations, in order; `reflect central install` applies the missing ones. */
export const centralMigrations: readonly CentralMigration[] = [
  referenceSchema,
  changeLog,
  operations,
  roles,
  cases,
  caseExports,
  mergeSurvivorship,
  roleAndCaseRules,
  auditAnchoring,
  erasurePlans,
  erasureExecution,
  rightsFromCases,
  boundedChangeLog,
  deadlineChecks,
  lettersFilled,
  erasurePolicyChecks,
  rectifyAddressesWhole,
  exportApprovals,
  compositeErasureKeys,
  dataMaps,
  mappedChangeCapture,
  accessAlerts,
  adminMfa,
  teamMembers,
  retention,
  recordsOfProcessing,
  qualityFigures,
];
