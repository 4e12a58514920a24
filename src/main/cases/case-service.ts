import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  CLOSED_STATUSES,
  type CaseDashboard,
  type CaseDetail,
  type CaseFilters,
  type CaseList,
  type DuplicateRequest,
  type FilledLetter,
  type HolidayCalendarChoice,
  type HomeOverview,
  type IntakeProblem,
  type Requester,
  type TemplateKind,
} from '../../shared/cases';
import { AppError } from '../../shared/errors';
import type { CaseAction, CaseCreate, CaseSettings } from '../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { SqliteDatabase } from '../db/open';
import { checkDestination, writeAtomically } from '../export/safe-file';
import { queueOperation } from '../sync/outbox';
import { readConnection } from '../sync/connection-settings';
import type { WorkspaceService } from '../workspace/workspace-service';
import { caseDashboard } from './case-dashboard';
import { loadAllCases, loadCase, saveCase, type CaseRecord } from './case-record';
import { writeRegisterCsv, writeRegisterXlsx } from './case-register';
import { planAction, type ActionPlan } from './case-rules';
import { deadlineRules, readCaseSettings, saveCaseSettings } from './case-settings';
import { fillTemplate } from './case-templates';
import { allSummaries, caseDetail, listCases, toSummary } from './case-views';
import { computeDeadline, isValidTimeZone } from './deadlines';
import { homeCountry } from '../subjects/home-country';
import { confirmedActions, fulfilmentMissing } from '../rights/case-fulfilment';
import { requesterLocaleOf } from '../requester/requester-of-case';
import { identityKeys, normaliseRequester } from './requester-identities';
import { FUTURE_TOLERANCE_MS, intakeProblems } from './intake-check';
import { holidayCalendarChoices } from './working-days';
import { homeOverview } from './home-overview';

/**
 * An open case reloads after every sync (each minute in the app); one view entry per case per this
 * long keeps the trail readable while still recording every time an officer comes back to it.
 */
const VIEW_AUDIT_INTERVAL_MS = 10 * 60_000;

/** A receipt time this far ahead of the desk's clock is a typing error, not clock skew. */

/**
 * DSAR cases on this desk. Every change is made in one SQLite transaction that updates the
 * replica's copy, appends the timeline entry, queues the named operation for central and writes
 * the audit entry, so a case can be worked offline and nothing is half-recorded.
 */
export class CaseService {
  private readonly viewsAudited = new Map<string, number>();

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Who this desk acts as centrally: the login four eyes is checked against. */
  officer(db: SqliteDatabase): string {
    return readConnection(db)?.user ?? this.workspace.actor;
  }

  /** The start screen: what is due for this desk's officer, and what waits for them. */
  home(): HomeOverview {
    const db = this.db();
    return homeOverview(db, this.officer(db), this.now(), deadlineRules(db));
  }

  list(filters: CaseFilters): CaseList {
    const db = this.db();
    return listCases(db, filters, this.now(), deadlineRules(db));
  }

  get(caseId: string): CaseDetail {
    const { replica, audit } = this.workspace.requireOpen();
    const detail = this.detail(replica.raw, this.require(replica.raw, caseId));
    const at = this.now().getTime();
    const last = this.viewsAudited.get(caseId);
    if (last === undefined || at - last >= VIEW_AUDIT_INTERVAL_MS || at < last) {
      audit.record({
        actor: this.workspace.actor,
        action: 'case.viewed',
        subject: `case:${caseId}`,
        details: { subjectIds: detail.subjectIds },
      });
      this.viewsAudited.set(caseId, at);
    }
    return detail;
  }

  /** What `create` would refuse in a draft, every problem with its field, for the intake form. */
  checkIntake(draft: unknown): IntakeProblem[] {
    const db = this.workspace.requireOpen().replica.raw;
    return intakeProblems(draft, this.now(), (subjectIds, jurisdiction) =>
      phoneCountry(db, jurisdiction, subjectIds),
    );
  }

  create(input: CaseCreate): CaseDetail {
    const { replica, audit } = this.workspace.requireOpen();
    const db = replica.raw;
    const now = this.now();
    if (!isValidTimeZone(input.timeZone)) {
      throw new AppError('INVALID_INPUT', `Unknown time zone "${input.timeZone}".`);
    }
    if (Date.parse(input.receivedAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new AppError('INVALID_INPUT', 'The request cannot have been received in the future.');
    }
    for (const id of input.subjectIds) this.requireLinkable(db, id);
    for (const id of input.relatedCaseIds) this.require(db, id);
    const officer = this.officer(db);
    const at = now.toISOString();
    const record: CaseRecord = {
      caseId: randomUUID(),
      reference: null,
      jurisdiction: input.jurisdiction,
      requestType: input.requestType,
      channel: input.channel,
      status: 'received',
      requester: normaliseRequester(
        input.requester,
        phoneCountry(db, input.jurisdiction, input.subjectIds),
      ),
      agent: input.agent,
      receivedAt: new Date(input.receivedAt).toISOString(),
      timeZone: input.timeZone,
      subjectIds: [...new Set(input.subjectIds)],
      assignee: input.assignee,
      priority: input.priority,
      tags: input.tags,
      verification: null,
      extension: null,
      pauses: [],
      approval: null,
      acknowledgedAt: null,
      resolution: null,
      relatedCaseIds: input.relatedCaseIds,
      closedAt: null,
      createdBy: officer,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const eventId = randomUUID();
    db.transaction(() => {
      saveCase(db, record);
      const details = {
        jurisdiction: record.jurisdiction,
        requestType: record.requestType,
        channel: record.channel,
        relatedCaseIds: record.relatedCaseIds,
      };
      insertEvent(db, {
        eventId,
        caseId: record.caseId,
        at,
        actor: officer,
        kind: 'created',
        details,
      });
      const opId = queueOperation(
        db,
        {
          kind: 'case.create',
          payload: {
            case_id: record.caseId,
            event_id: eventId,
            at,
            details,
            jurisdiction: record.jurisdiction,
            request_type: record.requestType,
            channel: record.channel,
            requester: record.requester,
            agent: record.agent,
            received_at: record.receivedAt,
            time_zone: record.timeZone,
            subject_ids: record.subjectIds,
            assignee: record.assignee,
            priority: record.priority,
            tags: record.tags,
            related_case_ids: record.relatedCaseIds,
          },
          rows: [
            { table: 'cases', pk: record.caseId },
            { table: 'case_events', pk: eventId },
          ],
        },
        now,
      );
      audit.record({
        actor: this.workspace.actor,
        action: 'case.created',
        subject: `case:${record.caseId}`,
        details: { requestType: record.requestType, subjectIds: record.subjectIds, opId },
      });
    })();
    return this.detail(db, record);
  }

  /** Open cases whose requester shares an email, a phone or a full name with this one. */
  duplicates(requester: Requester, exceptCaseId?: string): DuplicateRequest[] {
    // Read as typed, so a half-typed or national number still finds what it can.
    const keys = identityKeys(requester);
    if (keys.size === 0) return [];
    const matches: DuplicateRequest[] = [];
    for (const other of loadAllCases(this.db())) {
      if (other.caseId === exceptCaseId || CLOSED_STATUSES.has(other.status)) continue;
      const shared = [...identityKeys(other.requester).keys()].filter((k) => keys.has(k));
      if (shared.length === 0) continue;
      const matchedOn = shared.map((k) => keys.get(k) ?? k);
      matches.push({
        caseId: other.caseId,
        reference: other.reference,
        requestType: other.requestType,
        status: other.status,
        receivedAt: other.receivedAt,
        matchedOn,
        sameContact: shared.some((k) => !k.startsWith('name:')),
      });
    }
    // The same contact first: that is the same person; a name alone may be someone else.
    return matches.sort(
      (a, b) =>
        Number(b.sameContact) - Number(a.sameContact) || b.receivedAt.localeCompare(a.receivedAt),
    );
  }

  act(caseId: string, baseVersion: number, act: CaseAction): CaseDetail {
    this.apply(caseId, baseVersion, act);
    const db = this.db();
    return this.detail(db, this.require(db, caseId));
  }

  /** The same action on many cases; each succeeds or fails on its own, with the reason. */
  bulk(
    items: { caseId: string; baseVersion: number }[],
    act: CaseAction,
  ): { caseId: string; ok: boolean; message: string | null }[] {
    return items.map(({ caseId, baseVersion }) => {
      try {
        this.apply(caseId, baseVersion, act);
        return { caseId, ok: true, message: null };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return { caseId, ok: false, message: error.message };
      }
    });
  }

  /** Checks and commits one action; the caller decides what to show afterwards. */
  private apply(caseId: string, baseVersion: number, act: CaseAction): void {
    const { replica, audit } = this.workspace.requireOpen();
    const db = replica.raw;
    const record = this.require(db, caseId);
    if (act.action === 'link-subject' && act.link) this.requireLinkable(db, act.customerId);
    const normalised =
      act.action === 'update' && act.changes.requester
        ? {
            ...act,
            changes: {
              ...act.changes,
              requester: normaliseRequester(
                act.changes.requester,
                phoneCountry(db, record.jurisdiction, record.subjectIds),
              ),
            },
          }
        : act;
    const now = this.now();
    const plan = planAction(record, normalised, {
      officer: this.officer(db),
      now,
      unfulfilled: fulfilmentMissing(db, record),
      rules: deadlineRules(db),
    });
    // Notes and letters add to the timeline without touching the case, so they never conflict.
    if (plan.operation.checksVersion && record.version !== baseVersion) {
      throw new AppError(
        'CONFLICTING_CHANGE',
        'This case changed since you opened it (another officer, or a sync). Look at it again and retry.',
      );
    }
    this.commit(db, audit, record, plan, now, act.action === 'communicate' ? act.sentAt : null);
  }

  /**
   * Puts a written export on the case's shared timeline. Like a note it never conflicts; the
   * caller's transaction makes it one with the export's own record and audit entry.
   */
  recordExport(caseId: string, details: Record<string, unknown>): void {
    const { replica, audit } = this.workspace.requireOpen();
    const db = replica.raw;
    const plan: ActionPlan = {
      next: null,
      operation: { kind: 'case.record-export', payload: {}, checksVersion: false },
      event: { kind: 'exported', details },
    };
    this.commit(db, audit, this.require(db, caseId), plan, this.now(), null);
  }

  template(caseId: string, kind: TemplateKind): FilledLetter {
    const db = this.db();
    const record = this.require(db, caseId);
    const settings = readCaseSettings(db);
    const locale = requesterLocaleOf(db, record);
    const exports = (
      db
        .prepare(
          `SELECT occurred_at, details FROM case_events WHERE case_id = ? AND kind = 'exported'
           ORDER BY occurred_at`,
        )
        .all(caseId) as { occurred_at: string; details: string }[]
    ).map((e) => ({
      at: e.occurred_at,
      rows: Number((JSON.parse(e.details) as { rows?: unknown }).rows ?? 0),
    }));
    return fillTemplate(kind, {
      record,
      deadline: computeDeadline(record, this.now(), settings),
      settings,
      language: locale.code,
      country: locale.country,
      actions: confirmedActions(db, caseId),
      // A copy of the data answers an access request; the last one written is what was sent.
      exports: exports.slice(-1),
      unfulfilled: fulfilmentMissing(db, record),
    });
  }

  dashboard(): CaseDashboard {
    const db = this.db();
    const settings = readCaseSettings(db);
    return caseDashboard(
      allSummaries(db, this.now(), settings),
      this.now(),
      settings.defaultTimeZone,
    );
  }

  settings(): CaseSettings {
    return readCaseSettings(this.db());
  }

  saveSettings(settings: CaseSettings): CaseSettings {
    return saveCaseSettings(this.db(), settings);
  }

  /** Needs no open workspace: the calendars come with the app, not from the replica. */
  holidayCalendars(): HolidayCalendarChoice[] {
    return holidayCalendarChoices();
  }

  /**
   * Writes the register of requests (every case) to `path`, owner-only, and audits it. An
   * existing file is replaced only if it is a register this desk wrote, unchanged since.
   */
  async exportRegister(
    format: 'xlsx' | 'csv',
    path: string,
    options: { overwrite: boolean },
  ): Promise<{ path: string; cases: number; sha256: string }> {
    const { replica, audit } = this.workspace.requireOpen();
    const db = replica.raw;
    checkDestination(path, options);
    assertEarlierRegister(db, path);
    const settings = readCaseSettings(db);
    const now = this.now();
    const cases = loadAllCases(db)
      .map((record) => ({ record, summary: toSummary(record, now, settings, false) }))
      .sort((a, b) => a.record.receivedAt.localeCompare(b.record.receivedAt));
    const written = await writeAtomically(path, (temporary) =>
      format === 'csv' ? writeRegisterCsv(temporary, cases) : writeRegisterXlsx(temporary, cases),
    );
    audit.record({
      actor: this.workspace.actor,
      action: 'cases.register-exported',
      details: { format, path, cases: cases.length, sha256: written.sha256, bytes: written.bytes },
    });
    return { path, cases: cases.length, sha256: written.sha256 };
  }

  private commit(
    db: SqliteDatabase,
    audit: AuditTrail,
    record: CaseRecord,
    plan: ActionPlan,
    now: Date,
    eventAt: string | null,
  ): void {
    const officer = this.officer(db);
    const at = eventAt ?? now.toISOString();
    const eventId = randomUUID();
    db.transaction(() => {
      if (plan.next) saveCase(db, plan.next);
      insertEvent(db, {
        eventId,
        caseId: record.caseId,
        at,
        actor: officer,
        kind: plan.event.kind,
        details: plan.event.details,
      });
      const opId = queueOperation(
        db,
        {
          kind: plan.operation.kind,
          payload: {
            case_id: record.caseId,
            ...(plan.operation.checksVersion ? { base_version: record.version } : {}),
            event_id: eventId,
            at,
            details: plan.event.details,
            ...plan.operation.payload,
          },
          rows: [
            ...(plan.next ? [{ table: 'cases', pk: record.caseId }] : []),
            { table: 'case_events', pk: eventId },
          ],
        },
        now,
      );
      audit.record({
        actor: this.workspace.actor,
        action: `case.${plan.event.kind}`,
        subject: `case:${record.caseId}`,
        details: { opId, operation: plan.operation.kind },
      });
    })();
  }

  private detail(db: SqliteDatabase, record: CaseRecord): CaseDetail {
    return caseDetail(db, record, {
      now: this.now(),
      rules: deadlineRules(db),
      officer: this.officer(db),
    });
  }

  private require(db: SqliteDatabase, caseId: string): CaseRecord {
    const record = loadCase(db, caseId);
    if (!record) throw new AppError('NOT_FOUND', `No case ${caseId} on this desk.`);
    return record;
  }

  /** A subject must be a live record: a merged one is linked through its survivor. */
  private requireLinkable(db: SqliteDatabase, customerId: number): void {
    const row = db
      .prepare('SELECT merged_into FROM customers WHERE customer_id = ?')
      .get(customerId) as { merged_into: number | null } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Customer ${customerId} is not in the replica.`);
    if (row.merged_into !== null) {
      throw new AppError(
        'INVALID_INPUT',
        `Customer ${customerId} was merged into ${row.merged_into}; link ${row.merged_into} instead.`,
      );
    }
  }

  private db(): SqliteDatabase {
    return this.workspace.requireOpen().replica.raw;
  }
}

/**
 * Where a phone number given without a country code is read: the first subject's country (the
 * number usually comes from their record), else the United States for a CCPA request.
 */
function phoneCountry(
  db: SqliteDatabase,
  jurisdiction: CaseRecord['jurisdiction'],
  subjectIds: number[],
): string | null {
  const first = subjectIds[0];
  const country = first === undefined ? null : homeCountry(db, first);
  return country ?? (jurisdiction === 'ccpa' ? 'US' : null);
}

function insertEvent(
  db: SqliteDatabase,
  event: {
    eventId: string;
    caseId: string;
    at: string;
    actor: string;
    kind: string;
    details: Record<string, unknown>;
  },
): void {
  db.prepare(
    `INSERT INTO case_events (event_id, case_id, occurred_at, actor, kind, details, version)
     VALUES (?, ?, ?, ?, ?, ?, 1)`,
  ).run(
    event.eventId,
    event.caseId,
    event.at,
    event.actor,
    event.kind,
    JSON.stringify(event.details),
  );
}

/**
 * A file in the way may be replaced only if it is a register this desk wrote: its SHA-256 is one
 * the audit trail recorded for a register export. Anything else is the officer's own file.
 */
function assertEarlierRegister(db: SqliteDatabase, path: string): void {
  if (!existsSync(path)) return;
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  const known = db
    .prepare(
      `SELECT 1 FROM audit_log WHERE action = 'cases.register-exported'
       AND json_extract(details, '$.sha256') = ? LIMIT 1`,
    )
    .get(sha256);
  if (!known) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} is not a register of requests this desk wrote (or it was changed since); it will not be replaced. Choose another name, or move the file away first.`,
    );
  }
}
