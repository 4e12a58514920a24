import { z } from 'zod';
import type { AccessAlert, AlertRulesOverview } from '../alerts';
import type { TeamOverview } from '../team';
import { alertAcknowledgeInput, alertRuleInput } from './alert-schemas';
import { teamLoginInput, teamMemberInput } from './team-schemas';
import type {
  LegalHold,
  RetentionOverview,
  RetentionPreview,
  RetentionRun,
  RetentionRunOutcome,
} from '../retention';
import {
  holdPlaceInput,
  holdReleaseInput,
  holdTargetInput,
  retentionConfirmInput,
  retentionPolicyIdInput,
  retentionPolicyInput,
  retentionScheduleInput,
} from './retention-schemas';
import type { ErrorInfo } from '../errors';
import type {
  AppInfo,
  AutoLockSettings,
  DemoOfficers,
  AuditEntry,
  AuditVerification,
  BackupRecord,
  ConflictView,
  SearchFacets,
  SearchResults,
  SubjectProfile,
  SyncOverview,
  SyncProgress,
  WorkspaceStatus,
} from '../types';
import type {
  ExportPreview,
  ExportProgress,
  ExportRecord,
  ExportRowsPage,
  PackageContents,
  PackageVerification,
  ProposedPackage,
} from '../exports';
import {
  exportIdInput,
  exportProposalSchema,
  exportRequestSchema,
  exportRowsSchema,
  labelsInput,
  labelsSaveInput,
  statementLanguageInput,
  statementSaveInput,
  type AccessStatement,
  type LabelEntry,
} from './export-schemas';
import { REQUESTER_LANGUAGES } from '../requester-languages';
import {
  clusterFilterSchema,
  customerGroupSchema,
  dedupeCheckSchema,
  mergeRequestSchema,
  mergeListSchema,
  mergeOpSchema,
} from './dedupe-schemas';
import type {
  ClusterPage,
  DedupeProgress,
  DedupeRunSummary,
  MergePlan,
  MergeRecordSummary,
  DismissedPair,
} from '../dedupe';
import { rendererErrorSchema } from './log-schemas';
import type { DeskAccess, MfaEnrolment } from '../role-gates';
import { totpCode } from './rights-schemas';
import {
  autoLockSettingsSchema,
  backupInput,
  keyTargetSchema,
  restoreInput,
} from './workspace-schemas';
import type { Channel, EventName } from './names';
import { cutSearchText } from '../search-text';
import {
  caseIdSchema,
  customerIdSchema,
  line,
  paragraph,
  passphraseSchema,
  reason,
} from './text-fields';
import {
  erasureInput,
  erasurePolicyInput,
  erasurePolicyTableInput,
  planHashSchema,
  reappearanceDecisionInput,
  rectifyInput,
  restrictionInput,
  withdrawConsentsInput,
} from './rights-schemas';
import type { ErasurePreview, ReappearanceView } from '../rights';
import type { ErasurePolicyOverview } from '../erasure-policies';
import type { DataMap, DataMapCheck } from '../datamap';
import type { DemoStartStep } from '../demo-start';
import type { ProcessingActivity, RecordsOverview } from '../records';
import { recordsExportInput, recordsRemoveInput, recordsSaveInput } from './records-schemas';
import type {
  CentralQuality,
  QualityProgress,
  QualityRecordsPage,
  QualitySummary,
  QualityTrendPoint,
} from '../quality';
import { qualityRecordsInput } from './quality-schemas';

export { passphraseSchema };
import {
  ALL_REQUEST_TYPES,
  CASE_STATUSES,
  CHANNELS_OF_RECEIPT,
  JURISDICTIONS,
  PRIORITIES,
  REQUEST_TYPES,
  TEMPLATE_KINDS,
  VERIFICATION_METHODS,
  type CaseDashboard,
  type CaseDetail,
  type IntakeProblem,
  type CaseList,
  type HomeOverview,
  type DuplicateRequest,
  type FilledLetter,
  type HolidayCalendarChoice,
} from '../cases';

/**
 * Every IPC channel, declared once: the zod schema of its input and the type of its output.
 * Main derives `Handlers` from it (a channel without a handler fails typecheck), preload
 * allow-lists its names, the renderer derives a typed `call()`.
 */

export interface ChannelSpec<I extends z.ZodType, O> {
  input: I;
  /** Type-only marker; never read at run time. */
  output: O;
  /**
   * Top-level text fields that are read and dropped, never stored or queued (a search query), so
   * text PostgreSQL cannot store is no reason to refuse them (see storable-text.ts).
   */
  transientText: readonly string[];
}

function channel<O>(options: { transientText?: readonly string[] } = {}) {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({
    input,
    output: undefined as O,
    transientText: options.transientText ?? [],
  });
}

const none = z.object({}).strict();

const workspaceCreateInput = z
  .object({
    name: z.string().trim().min(1, 'Give the workspace a name.').max(80),
    keyMode: z.enum(['keychain', 'passphrase']),
    passphrase: passphraseSchema.optional(),
    /** Sync from an embedded central database seeded with synthetic customers. */
    demo: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.keyMode === 'keychain' || v.passphrase !== undefined, {
    message: 'Passphrase mode needs a passphrase.',
    path: ['passphrase'],
  });

const unlockInput = z.object({ passphrase: z.string().min(1).max(1024).optional() }).strict();

const isoInstant = z.iso.datetime({
  offset: true,
  message: 'Expected a date and time (ISO 8601).',
});
const baseVersion = z.number().int().positive();

const requesterSchema = z
  .object({
    names: z.array(line(200).min(1)).max(10).default([]),
    emails: z.array(z.string().trim().max(254)).max(10).default([]),
    phones: z.array(z.string().trim().max(40)).max(10).default([]),
    /** The language their letters and documents are written in; null: from their country. */
    language: z.enum(REQUESTER_LANGUAGES).nullable().optional(),
  })
  .strict()
  .refine((r) => r.names.length + r.emails.length + r.phones.length > 0, {
    message: 'Give at least one name, email or phone of the requester.',
  });

const agentSchema = z
  .object({
    name: line(200).min(1, 'Give the agent a name.'),
    email: z.string().trim().max(254).nullable().default(null),
    authority: line(1000).min(1, 'Say how the agent showed their authority.'),
  })
  .strict();

const calendarCode = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'Not a holiday calendar code.');
const holidayCalendarSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'Choose a country for the holiday calendar.'),
    state: calendarCode.nullable(),
    region: calendarCode.nullable(),
  })
  .strict();

export const caseSettingsSchema = z
  .object({
    dueSoonDays: z.number().int().min(1).max(60),
    /** Signs the letters the templates write. */
    organisationName: line(200).min(1),
    /** Where requesters can write to; printed in the access report and under each letter. */
    organisationAddress: paragraph(500).optional(),
    /** How requesters reach the data protection officer (name, email, postal address). */
    dpoContact: paragraph(500).optional(),
    /** The person who signs letters, with their role: "Anna Schmidt, Data Protection Officer". */
    signatory: line(200).optional(),
    /** ISO 4217: the currency of an amount whose row names none. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'A currency is three capital letters (ISO 4217), e.g. EUR.')
      .optional(),
    /** Where requests are received unless the officer says otherwise. */
    defaultTimeZone: z.string().min(1).max(64),
    /** Whose public holidays move a deadline, per law; null counts weekends only. */
    calendars: z
      .object({ gdpr: holidayCalendarSchema.nullable(), ccpa: holidayCalendarSchema.nullable() })
      .strict(),
  })
  .strict();
export type CaseSettings = z.output<typeof caseSettingsSchema>;

export const caseFiltersSchema = z
  .object({
    statuses: z.array(z.enum(CASE_STATUSES)).default([]),
    requestTypes: z.array(z.enum(ALL_REQUEST_TYPES)).default([]),
    jurisdictions: z.array(z.enum(JURISDICTIONS)).default([]),
    assignee: z.string().max(200).nullable().default(null),
    dueWithinDays: z.number().int().min(0).max(3650).nullable().default(null),
    overdueOnly: z.boolean().default(false),
    text: z.string().max(200).default(''),
  })
  .strict();

export const caseCreateSchema = z
  .object({
    jurisdiction: z.enum(JURISDICTIONS),
    requestType: z.enum(ALL_REQUEST_TYPES),
    channel: z.enum(CHANNELS_OF_RECEIPT),
    requester: requesterSchema,
    agent: agentSchema.nullable().default(null),
    receivedAt: isoInstant,
    timeZone: z.string().min(1).max(64),
    subjectIds: z.array(customerIdSchema).max(50).default([]),
    assignee: line(200).nullable().default(null),
    priority: z.enum(PRIORITIES).default('normal'),
    tags: z.array(line(50).min(1)).max(20).default([]),
    /** Open cases of the same requester the officer chose to link. */
    relatedCaseIds: z.array(caseIdSchema).max(20).default([]),
  })
  .strict()
  .refine((c) => (REQUEST_TYPES[c.jurisdiction] as readonly string[]).includes(c.requestType), {
    message: 'That request type does not exist under this law.',
    path: ['requestType'],
  });

/** Everything an officer can do to a case; each is one named operation for central. */
export const caseActionSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('update'),
      changes: z
        .object({
          assignee: line(200).nullable(),
          priority: z.enum(PRIORITIES),
          tags: z.array(line(50).min(1)).max(20),
          channel: z.enum(CHANNELS_OF_RECEIPT),
          requester: requesterSchema,
          agent: agentSchema.nullable(),
        })
        .partial()
        .strict(),
    })
    .strict(),
  z
    .object({ action: z.literal('link-subject'), customerId: customerIdSchema, link: z.boolean() })
    .strict(),
  z
    .object({
      action: z.literal('transition'),
      to: z.enum(CASE_STATUSES),
      reason: line(2000).nullable().default(null),
    })
    .strict(),
  z
    .object({
      action: z.literal('verify'),
      method: z.enum(VERIFICATION_METHODS),
      evidence: line(2000).min(1, 'Note what evidence was checked.'),
    })
    .strict(),
  z.object({ action: z.literal('override-verification'), reason }).strict(),
  z.object({ action: z.literal('extend'), reason, requesterInformedAt: isoInstant }).strict(),
  z.object({ action: z.literal('pause'), reason }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z
    .object({
      action: z.literal('decide-approval'),
      decision: z.enum(['approved', 'declined']),
      note: line(2000).nullable().default(null),
      /** An erasure is approved for the plan the approver was shown. */
      planHash: planHashSchema.nullable().optional(),
      /** An export is approved for the package the approver was shown. */
      exportHash: planHashSchema.nullable().optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('note'),
      text: z.string().trim().min(1, 'Write a note.').max(10_000),
    })
    .strict(),
  z
    .object({
      action: z.literal('communicate'),
      template: z.enum(TEMPLATE_KINDS).nullable(),
      channel: z.enum(CHANNELS_OF_RECEIPT),
      subject: line(300),
      body: z.string().min(1, 'The message is empty.').max(50_000),
      sentAt: isoInstant.nullable().default(null),
    })
    .strict(),
]);
export type CaseAction = z.output<typeof caseActionSchema>;
export type CaseCreate = z.output<typeof caseCreateSchema>;

export const contract = {
  'app:info': channel<AppInfo>()(none),
  'workspace:status': channel<WorkspaceStatus>()(none),
  'workspace:create': channel<WorkspaceStatus>()(workspaceCreateInput),
  'workspace:unlock': channel<WorkspaceStatus>()(unlockInput),
  'workspace:lock': channel<WorkspaceStatus>()(none),
  /** Moves a damaged replica aside (kept, never deleted) and opens a fresh one with the same key. */
  'workspace:reset-replica': channel<WorkspaceStatus>()(unlockInput),
  'workspace:auto-lock': channel<AutoLockSettings>()(none),
  'workspace:set-auto-lock': channel<AutoLockSettings>()(autoLockSettingsSchema),
  /** A new key, with the same or the other protection; the workspace stays unlocked. */
  'workspace:change-key': channel<WorkspaceStatus>()(keyTargetSchema),
  'workspace:backup-info': channel<{ lastBackup: BackupRecord | null }>()(none),
  /** Asks where with the system save dialog; null when the officer cancels it. */
  'workspace:backup': channel<(BackupRecord & { path: string }) | null>()(backupInput),
  /** Asks for the file with the system open dialog; null when the officer cancels it. */
  'workspace:restore': channel<{ status: WorkspaceStatus; movedAsideTo: string | null } | null>()(
    restoreInput,
  ),
  'audit:list': channel<AuditEntry[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
  ),
  'audit:verify': channel<AuditVerification>()(none),
  'sync:status': channel<SyncOverview>()(none),
  /** Tests the connection with these settings and, if it works, keeps them (password in the keychain). */
  'sync:connect': channel<SyncOverview>()(
    z
      .object({
        url: z
          .string()
          .max(2048)
          .regex(/^postgres(ql)?:\/\//, 'The central database URL must start with postgres://'),
        password: z.string().max(1024).optional(),
      })
      .strict(),
  ),
  'sync:run': channel<SyncOverview>()(none),
  'sync:conflicts': channel<ConflictView[]>()(none),
  'sync:resolve': channel<SyncOverview>()(
    z
      .object({
        conflictId: z.number().int().positive(),
        resolution: z.enum(['reapply', 'discard']),
      })
      .strict(),
  ),
  /**
   * Any text: a long paste is cut (never refused), control and zero-width characters are dropped
   * by the search folding, and it reaches the index only as quoted strings. Never stored: the
   * audit entry records the kind of query, not its text.
   */
  'search:query': channel<SearchResults>({ transientText: ['text'] })(
    z
      .object({
        text: z.string().transform(cutSearchText),
        filters: z
          .object({
            statuses: z.array(z.string().max(100)).max(50).default([]),
            tags: z.array(z.string().max(100)).max(200).default([]),
            hasOpenCase: z.boolean().default(false),
          })
          .strict()
          .default({ statuses: [], tags: [], hasOpenCase: false }),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  'search:facets': channel<SearchFacets>()(none),
  'subject:profile': channel<SubjectProfile>()(z.object({ customerId: customerIdSchema }).strict()),
  /** Validated again in main (email syntax, phone number for the customer's country). */
  'subject:rectify': channel<SubjectProfile>()(
    z
      .object({
        customerId: customerIdSchema,
        field: z.enum(['name', 'email', 'phone']),
        value: z.string().max(1000),
        baseVersion: z.number().int().nonnegative(),
      })
      .strict(),
  ),
  /** The start screen: cases due for this desk's officer, unassigned, and awaiting their approval. */
  'cases:home': channel<HomeOverview>()(none),
  'cases:list': channel<CaseList>()(
    z.object({ filters: caseFiltersSchema.default(caseFiltersSchema.parse({})) }).strict(),
  ),
  'cases:get': channel<CaseDetail>()(z.object({ caseId: caseIdSchema }).strict()),
  'cases:create': channel<CaseDetail>()(caseCreateSchema),
  /** Every problem `cases:create` would refuse in this draft, each with its field; none when ready. */
  'cases:check-intake': channel<IntakeProblem[]>()(
    z.object({ draft: z.record(z.string(), z.unknown()) }).strict(),
  ),
  /** Open cases whose requester shares an email, phone or full name with this one. */
  'cases:duplicates': channel<DuplicateRequest[]>()(
    z.object({ requester: requesterSchema }).strict(),
  ),
  'cases:act': channel<CaseDetail>()(
    z.object({ caseId: caseIdSchema, baseVersion, act: caseActionSchema }).strict(),
  ),
  /** The same action on several cases, each checked and queued on its own. */
  'cases:bulk': channel<{ caseId: string; ok: boolean; message: string | null }[]>()(
    z
      .object({
        items: z
          .array(z.object({ caseId: caseIdSchema, baseVersion }).strict())
          .min(1)
          .max(500),
        act: caseActionSchema,
      })
      .strict(),
  ),
  'cases:template': channel<FilledLetter>()(
    z.object({ caseId: caseIdSchema, template: z.enum(TEMPLATE_KINDS) }).strict(),
  ),
  'cases:dashboard': channel<CaseDashboard>()(none),
  'cases:settings': channel<CaseSettings>()(none),
  'cases:save-settings': channel<CaseSettings>()(caseSettingsSchema),
  /** Every public-holiday calendar the desk knows, for choosing the organisation's. */
  'cases:holiday-calendars': channel<HolidayCalendarChoice[]>()(none),
  /** The register of requests; the app asks where to save it with the system dialog. */
  'cases:export-register': channel<{ path: string; cases: number } | null>()(
    z.object({ format: z.enum(['xlsx', 'csv']) }).strict(),
  ),
  /** Central's dry run of a case's erasure; needs central to answer. */
  'rights:erasure-preview': channel<ErasurePreview>()(z.object({ caseId: caseIdSchema }).strict()),
  'rights:erase': channel<CaseDetail>()(erasureInput),
  'rights:withdraw-consents': channel<CaseDetail>()(withdrawConsentsInput),
  'rights:restrict': channel<CaseDetail>()(restrictionInput),
  'rights:lift-restriction': channel<CaseDetail>()(restrictionInput),
  'rights:rectify': channel<CaseDetail>()(rectifyInput),
  'rights:reappearances': channel<ReappearanceView[]>()(
    z.object({ customerId: customerIdSchema.nullable().default(null) }).strict(),
  ),
  'rights:decide-reappearance': channel<ReappearanceView[]>()(reappearanceDecisionInput),
  /** Central's erasure policies; needs central to answer. Changing one needs an administrator's login. */
  'rights:erasure-policies': channel<ErasurePolicyOverview>()(none),
  /** In a demo workspace, its two officers and which this desk works as; null elsewhere. */
  'demo:officers': channel<{ demo: DemoOfficers | null }>()(none),
  /** Works as the other demo officer: the desk reconnects as their login. */
  'demo:choose-officer': channel<DemoOfficers>()(
    z.object({ login: z.string().min(1).max(63) }).strict(),
  ),
  /** The central login's Reflect role as of the last sync (null: not known yet), to gate actions. */
  'central:access': channel<{ access: DeskAccess | null }>()(none),
  /** Starts this admin login's two-step enrolment; re-enrolling needs a code of the current one. */
  'mfa:enrol': channel<MfaEnrolment>()(z.object({ totp: totpCode.optional() }).strict()),
  /** Confirms the enrolment with the app's first code. */
  'mfa:confirm': channel<{ access: DeskAccess | null }>()(z.object({ code: totpCode }).strict()),
  /** The data map in force as of the last sync, and how it compared with the database then. */
  'datamap:current': channel<{ current: { check: DataMapCheck; map: DataMap } | null }>()(none),
  'rights:set-erasure-policy': channel<ErasurePolicyOverview>()(erasurePolicyInput),
  /** Open alerts on unusual access that central lets this desk's login read, as of the last sync. */
  'alerts:list': channel<AccessAlert[]>()(none),
  /** Acknowledges an alert with a note (an approver or administrator); answers the open alerts. */
  'alerts:acknowledge': channel<AccessAlert[]>()(alertAcknowledgeInput),
  /** Central's alert rules; needs central to answer. Changing one needs an administrator's login. */
  'alerts:rules': channel<AlertRulesOverview>()(none),
  'alerts:set-rule': channel<AlertRulesOverview>()(alertRuleInput),
  /** The team directory as of the last sync: who is behind each central login. */
  'team:list': channel<TeamOverview>()(none),
  /** Adds or changes a member (an administrator's login; central checks it). Needs central. */
  'team:set': channel<TeamOverview>()(teamMemberInput),
  /** Marks a member inactive; old entries keep their name. Needs central. */
  'team:remove': channel<TeamOverview>()(teamLoginInput),
  'rights:remove-erasure-policy': channel<ErasurePolicyOverview>()(erasurePolicyTableInput),
  /** Central's retention policies and schedule; needs central. Changes need an administrator. */
  'retention:overview': channel<RetentionOverview>()(none),
  /** What the next retention run removes, per policy, as central counts it now. */
  'retention:preview': channel<RetentionPreview>()(none),
  /** Central's retention run log: counts and ids. */
  'retention:runs': channel<RetentionRun[]>()(none),
  'retention:set-policy': channel<RetentionOverview>()(retentionPolicyInput),
  'retention:remove-policy': channel<RetentionOverview>()(retentionPolicyIdInput),
  'retention:confirm': channel<RetentionOverview>()(retentionConfirmInput),
  'retention:set-schedule': channel<RetentionOverview>()(retentionScheduleInput),
  /** An administrator's run now, on central. */
  'retention:run': channel<RetentionRunOutcome>()(none),
  /** Legal holds on one person or case, live first; needs central. */
  'holds:list': channel<LegalHold[]>()(holdTargetInput),
  /** Places a hold (an approver or administrator); answers the target's holds. */
  'holds:place': channel<LegalHold[]>()(holdPlaceInput),
  'holds:release': channel<LegalHold[]>()(holdReleaseInput),
  /** The records of processing (Art. 30) from central; the desk's copy, read-only, when offline. */
  'records:list': channel<RecordsOverview>()(none),
  /** Saves activities centrally (administrators; a two-step code when central asks for one). */
  'records:save': channel<RecordsOverview>()(recordsSaveInput),
  'records:remove': channel<RecordsOverview>()(recordsRemoveInput),
  /** Proposes activities from the data map, the access statement and retention rules; saves nothing. */
  'records:prefill': channel<ProcessingActivity[]>()(none),
  /** Asks where with the system dialog; null when the officer cancels it. */
  'records:export': channel<{ path: string; activities: number; version: number } | null>()(
    recordsExportInput,
  ),
  'exports:list': channel<ExportRecord[]>()(
    z.object({ caseId: caseIdSchema.nullable().default(null) }).strict(),
  ),
  'exports:preview': channel<ExportPreview>()(z.object({ caseId: caseIdSchema }).strict()),
  'exports:rows': channel<ExportRowsPage>()(exportRowsSchema),
  /** Asks where with the system dialog; null when the officer cancels it. */
  'exports:create': channel<ExportRecord | null>()(exportRequestSchema),
  /** Proposes the package for a second officer's approval; needs central to answer. */
  'exports:propose': channel<{ contents: PackageContents; hash: string }>()(exportProposalSchema),
  /** The package proposed for approval, checked against this desk's copy; needs central. */
  'exports:proposed': channel<ProposedPackage>()(z.object({ caseId: caseIdSchema }).strict()),
  'exports:verify': channel<PackageVerification>()(exportIdInput),
  /** Shows the package in the system file manager. */
  'exports:reveal': channel<null>()(exportIdInput),
  /** The access statement in one requester language (English when none is given). */
  'exports:statement': channel<AccessStatement>()(statementLanguageInput),
  'exports:save-statement': channel<AccessStatement>()(statementSaveInput),
  /** The names requesters read for tables, columns and categories, with the shipped defaults. */
  'exports:labels': channel<LabelEntry[]>()(labelsInput),
  'exports:save-labels': channel<LabelEntry[]>()(labelsSaveInput),
  'duplicates:clusters': channel<ClusterPage>()(clusterFilterSchema),
  /** Runs a check (in a worker); progress comes as 'duplicates:progress' events. */
  'duplicates:check': channel<DedupeRunSummary>()(dedupeCheckSchema),
  'duplicates:compare': channel<MergePlan>()(customerGroupSchema),
  'duplicates:dismiss': channel<null>()(customerGroupSchema),
  /** Pairs marked "not the same person" on this desk, newest first. */
  'duplicates:dismissed': channel<DismissedPair[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
  /** Takes back "not the same person" for one pair. */
  'duplicates:undismiss': channel<DismissedPair[]>()(
    z
      .object({ customerIds: z.tuple([customerIdSchema, customerIdSchema]) })
      .strict()
      .refine((v) => v.customerIds[0] !== v.customerIds[1], {
        message: 'Name two different records.',
      }),
  ),
  'duplicates:merge': channel<MergeRecordSummary>()(mergeRequestSchema),
  'duplicates:unmerge': channel<MergeRecordSummary>()(mergeOpSchema),
  'duplicates:merges': channel<MergeRecordSummary[]>()(mergeListSchema),
  /** Missing fields, invalid contacts and the duplicate rate of the replica (counted in batches). */
  'quality:summary': channel<QualitySummary>()(none),
  /** Sync lag per desk and the change log's size from central; the last known ones offline. */
  'quality:central': channel<{ central: CentralQuality | null; problem: string | null }>()(none),
  /** The records behind one figure, a bounded page; audited as a read of personal data. */
  'quality:records': channel<QualityRecordsPage>()(qualityRecordsInput),
  /** The figures recorded after each day's last duplicate check or sync, oldest first. */
  'quality:trend': channel<QualityTrendPoint[]>()(none),
  /** An error in the window, for the log; the incident id is null when reports come too fast. */
  'log:report': channel<{ incident: string | null }>()(rendererErrorSchema),
  /** Shows the log file (or its folder, before anything was written) in the file manager. */
  'log:reveal': channel<null>()(none),
} satisfies Record<Channel, ChannelSpec<z.ZodType, unknown>>;

export type Contract = typeof contract;

// The contract and the name list must agree exactly; either drifting fails the typecheck.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractMatchesNames: Exactly<keyof Contract, Channel> = true;

/** What the renderer passes. */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives, after parsing (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Where the menu or a notification takes the officer. */
export interface AppNavigation {
  screen: 'home' | 'search' | 'duplicates' | 'cases' | 'exports' | 'sync' | 'audit' | 'settings';
  caseId: string | null;
}

/** Payloads of the events main sends to the renderer. */
export interface EventPayloads {
  'workspace:state-changed': WorkspaceStatus;
  'sync:state-changed': SyncOverview;
  'sync:progress': SyncProgress;
  'exports:progress': ExportProgress;
  'duplicates:progress': DedupeProgress;
  /** A data-quality count reading the replica in batches. */
  'quality:progress': QualityProgress;
  /** A step of starting the demo's built-in central (first run and unlock of a demo workspace). */
  'demo:start-step': DemoStartStep;
  /** The app menu or a notification asks for a screen (and on Cases, a case). */
  'app:navigate': AppNavigation;
}
export const eventsMatchNames: Exactly<keyof EventPayloads, EventName> = true;

/** The one object preload puts on `window.reflect`. */
export interface ReflectApi {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
