import {
  APPROVAL_REQUIRED,
  caseWorkBy,
  CLOSED_STATUSES,
  LETTER_GAP,
  STATUS_LABELS,
  TRANSITIONS,
  type CaseStatus,
  type Pause,
} from '../../shared/cases';
import { AppError } from '../../shared/errors';
import type { CaseAction } from '../../shared/ipc/contract';
import type { OperationKind } from '../central/operations';
import type { CaseRecord } from './case-record';
import { computeDeadline, type DeadlineRules } from './deadlines';
import { extensionNoticeProblem, pauseProblem } from './deadline-rules';

export interface ActionContext {
  /** The central login this desk acts as: what central records and four eyes compares. */
  officer: string;
  now: Date;
  /** Why the case's right is not carried out yet (see rights/case-fulfilment), or null. */
  unfulfilled?: string | null;
  /** For an erasure approval: the hash of the plan the approver was shown. */
  planHash?: string | null;
  /** The organisation's calendars, which decide where a period ends. */
  rules: DeadlineRules;
}

/**
 * What one action does: the case as it will stand (null when the row does not change, e.g. a
 * note), the named operation central applies, and the timeline entry. Central checks the same
 * rules again (central/migrations/005-cases.ts), since a desk may act offline on an old copy.
 */
export interface ActionPlan {
  next: CaseRecord | null;
  operation: { kind: OperationKind; payload: Record<string, unknown>; checksVersion: boolean };
  event: { kind: string; details: Record<string, unknown> };
}

const refuse = (message: string): never => {
  throw new AppError('INVALID_INPUT', message);
};

export function isClosed(record: CaseRecord): boolean {
  return CLOSED_STATUSES.has(record.status);
}

export function needsApproval(record: CaseRecord): boolean {
  return APPROVAL_REQUIRED.has(record.requestType);
}

function endOpenPause(pauses: Pause[], at: string): Pause[] {
  return pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
}

export function planAction(record: CaseRecord, act: CaseAction, ctx: ActionContext): ActionPlan {
  const at = ctx.now.toISOString();
  const changed = (patch: Partial<CaseRecord>): CaseRecord => ({
    ...record,
    ...patch,
    updatedAt: at,
    version: record.version + 1,
  });
  switch (act.action) {
    case 'update': {
      const fields = Object.keys(act.changes);
      if (fields.length === 0) refuse('Nothing to change.');
      const { assignee, priority, tags, channel, requester, agent } = act.changes;
      return {
        next: changed(act.changes),
        operation: {
          kind: 'case.update',
          payload: { changes: { assignee, priority, tags, channel, requester, agent } },
          checksVersion: true,
        },
        // Field names and the working fields; the requester's identities stay out of the timeline.
        event: { kind: 'updated', details: { fields, assignee, priority, tags, channel } },
      };
    }
    case 'link-subject': {
      const present = record.subjectIds.includes(act.customerId);
      if (act.link === present) {
        refuse(`Customer ${act.customerId} is ${present ? 'already' : 'not'} linked to this case.`);
      }
      const subjectIds = act.link
        ? [...record.subjectIds, act.customerId]
        : record.subjectIds.filter((id) => id !== act.customerId);
      return {
        next: changed({
          subjectIds,
          // An approval covered the subjects it was given for.
          approval: record.approval?.decision === 'approved' ? null : record.approval,
        }),
        operation: {
          kind: 'case.update',
          payload: { changes: { subject_ids: subjectIds } },
          checksVersion: true,
        },
        event: {
          kind: act.link ? 'subject_linked' : 'subject_unlinked',
          details: { customerId: act.customerId },
        },
      };
    }
    case 'transition':
      return planTransition(record, act.to, act.reason, ctx);
    case 'verify':
    case 'override-verification': {
      if (isClosed(record)) refuse('The case is closed.');
      const verification =
        act.action === 'verify'
          ? {
              kind: 'verified' as const,
              method: act.method,
              evidence: act.evidence,
              verifiedBy: ctx.officer,
              verifiedAt: at,
            }
          : {
              kind: 'override' as const,
              reason: act.reason,
              verifiedBy: ctx.officer,
              verifiedAt: at,
            };
      return {
        next: changed({ verification, pauses: endOpenPause(record.pauses, at) }),
        operation: {
          kind: 'case.verify',
          payload:
            act.action === 'verify'
              ? { method: act.method, evidence: act.evidence }
              : { override: true, reason: act.reason },
          checksVersion: true,
        },
        event: {
          kind: act.action === 'verify' ? 'identity_verified' : 'verification_overridden',
          details: act.action === 'verify' ? { method: act.method } : { reason: act.reason },
        },
      };
    }
    case 'extend': {
      const deadline = computeDeadline(record, ctx.now, ctx.rules);
      if (!deadline.canExtend)
        refuse(deadline.extendBlockedBy ?? 'The deadline cannot be extended.');
      const late = extensionNoticeProblem(record, act.requesterInformedAt, deadline, ctx.now);
      if (late) refuse(late);
      const extension = {
        reason: act.reason,
        requesterInformedAt: act.requesterInformedAt,
        extendedBy: ctx.officer,
        extendedAt: at,
      };
      const next = changed({ extension });
      return {
        next,
        operation: {
          kind: 'case.extend',
          // Central checks the notice against this same end (within what the law allows).
          payload: {
            reason: act.reason,
            requester_informed_at: act.requesterInformedAt,
            first_period_ends_at: deadline.firstPeriodEndsAt,
          },
          checksVersion: true,
        },
        event: {
          kind: 'extended',
          details: {
            reason: act.reason,
            requesterInformedAt: act.requesterInformedAt,
            dueDate: computeDeadline(next, ctx.now, ctx.rules).dueDate,
          },
        },
      };
    }
    case 'pause':
    case 'resume': {
      const open = record.pauses.some((p) => p.to === null);
      const deadline = computeDeadline(record, ctx.now, ctx.rules);
      if (act.action === 'pause') {
        if (record.jurisdiction !== 'gdpr' || record.status !== 'verifying_identity') {
          refuse(
            'Only a GDPR case waiting for the requester to clarify their identity can be paused; under the CCPA the clock runs during verification.',
          );
        }
        if (open) refuse('The case is already paused.');
        const expired = pauseProblem(record, deadline, ctx.now);
        if (expired) refuse(expired);
      } else if (!open) {
        refuse('The case is not paused.');
      }
      return {
        next: changed({
          pauses:
            act.action === 'pause'
              ? [...record.pauses, { reason: act.reason, from: at, to: null }]
              : endOpenPause(record.pauses, at),
        }),
        operation: {
          kind: 'case.pause',
          // Central checks the pause starts by this same deadline (within what the law allows).
          payload:
            act.action === 'pause'
              ? { pause: true, reason: act.reason, due_at: deadline.dueAt }
              : { pause: false },
          checksVersion: true,
        },
        event: {
          kind: act.action === 'pause' ? 'paused' : 'resumed',
          details: act.action === 'pause' ? { reason: act.reason } : {},
        },
      };
    }
    case 'decide-approval': {
      if (record.status !== 'awaiting_approval' || !record.approval) {
        refuse('The case is not awaiting approval.');
      }
      const work = caseWorkBy(record, ctx.officer);
      if (work.length > 0) {
        refuse(
          `Four eyes: ${ctx.officer} worked this case (${work.join(', ')}), so a different officer must approve it.`,
        );
      }
      if (act.decision === 'declined' && !act.note) refuse('Say why the approval is declined.');
      const erasing = record.requestType === 'erasure' || record.requestType === 'delete';
      if (erasing && act.decision === 'approved' && !act.planHash) {
        refuse(
          'An erasure is approved for its plan: open the erasure preview and approve what it shows.',
        );
      }
      const exporting =
        ['access', 'portability', 'know'].includes(record.requestType) &&
        APPROVAL_REQUIRED.has(record.requestType);
      if (exporting && act.decision === 'approved' && !act.exportHash) {
        refuse(
          'A disclosure is approved for its package: open the package proposed and approve what it shows.',
        );
      }
      return {
        next: changed({
          status: 'in_progress',
          approval: {
            requestedBy: record.approval?.requestedBy ?? '',
            requestedAt: record.approval?.requestedAt ?? at,
            decision: act.decision,
            decidedBy: ctx.officer,
            decidedAt: at,
            note: act.note,
          },
        }),
        operation: {
          kind: 'case.decide-approval',
          payload: {
            decision: act.decision,
            note: act.note,
            ...(act.planHash ? { plan_hash: act.planHash } : {}),
            ...(act.exportHash ? { export_hash: act.exportHash } : {}),
          },
          checksVersion: true,
        },
        event: { kind: act.decision, details: { note: act.note } },
      };
    }
    case 'note':
      return {
        next: null,
        operation: { kind: 'case.note', payload: {}, checksVersion: false },
        event: { kind: 'note', details: { text: act.text } },
      };
    case 'communicate': {
      const gapIn = LETTER_GAP.exec(act.subject) ?? LETTER_GAP.exec(act.body);
      if (gapIn) {
        refuse(
          `The letter still has a gap to fill: ${gapIn[0]}. Write it in, or choose the letter again once the case has it; a letter with a gap cannot be saved as sent.`,
        );
      }
      const sentAt = act.sentAt ?? at;
      const acknowledges = act.template === 'acknowledgement' && record.acknowledgedAt === null;
      return {
        next: acknowledges ? changed({ acknowledgedAt: sentAt }) : null,
        operation: { kind: 'case.communicate', payload: {}, checksVersion: false },
        event: {
          kind: 'communication',
          details: {
            template: act.template,
            channel: act.channel,
            subject: act.subject,
            body: act.body,
            sentAt,
          },
        },
      };
    }
  }
}

function planTransition(
  record: CaseRecord,
  to: CaseStatus,
  reason: string | null,
  ctx: ActionContext,
): ActionPlan {
  const problem = transitionProblem(record, to, reason, ctx.unfulfilled ?? null);
  if (problem) refuse(problem);
  const at = ctx.now.toISOString();
  const closing = CLOSED_STATUSES.has(to);
  const approval =
    to === 'awaiting_approval'
      ? {
          requestedBy: ctx.officer,
          requestedAt: at,
          decision: null,
          decidedBy: null,
          decidedAt: null,
          note: reason,
        }
      : record.status === 'awaiting_approval' || isClosed(record)
        ? null
        : record.approval;
  return {
    next: {
      ...record,
      status: to,
      closedAt: closing ? at : null,
      resolution: closing ? reason : null,
      approval,
      pauses:
        record.status === 'verifying_identity' ? endOpenPause(record.pauses, at) : record.pauses,
      updatedAt: at,
      version: record.version + 1,
    },
    operation: { kind: 'case.transition', payload: { to, reason }, checksVersion: true },
    event: { kind: 'transition', details: { from: record.status, to, reason } },
  };
}

/**
 * Why the case cannot move to `to` now, or null. With `reason` null the reason is assumed to be
 * given later (the screen asks for it), so listing the possible moves does not depend on it.
 */
export function transitionProblem(
  record: CaseRecord,
  to: CaseStatus,
  reason: string | null | undefined,
  unfulfilled: string | null,
): string | null {
  if (!TRANSITIONS[record.status].includes(to)) {
    return `A case cannot go from ${STATUS_LABELS[record.status]} to ${STATUS_LABELS[to]}.`;
  }
  if (to === 'rejected' && reason !== undefined && !reason) {
    return 'A rejection needs a reason (it goes in the register and the letter).';
  }
  if (to === 'fulfilled') {
    if (!record.verification) {
      return "The requester's identity is not verified. Verify it, or record an override with a reason.";
    }
    if (needsApproval(record) && record.approval?.decision !== 'approved') {
      return 'This request erases data or sends it out of the company: a second officer must approve it first.';
    }
    if (unfulfilled) return unfulfilled;
  }
  if (to === 'awaiting_approval' && !needsApproval(record)) {
    return 'This kind of request does not need approval.';
  }
  return null;
}
