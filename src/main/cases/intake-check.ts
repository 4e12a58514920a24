import type { IntakeProblem } from '../../shared/cases';
import { caseCreateSchema } from '../../shared/ipc/contract';
import { isValidTimeZone } from './deadlines';
import { normaliseRequester } from './requester-identities';
import { AppError } from '../../shared/errors';

/** A request received up to this far ahead of the desk's clock is the clocks disagreeing, not a mistake. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Everything wrong with a new request's form, each with the field it belongs to, all at once:
 * what `cases:create` would refuse, so the form can show it beside each field before sending.
 * `create` runs the same checks and refuses with the first.
 */
export function intakeProblems(
  raw: unknown,
  now: Date,
  defaultCountry: (subjectIds: number[], jurisdiction: 'gdpr' | 'ccpa') => string | null,
): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  const parsed = caseCreateSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.slice(0, 2).map(String).join('.') || 'form';
      problems.push({ field, message: issue.message });
    }
  }
  const draft = (raw ?? {}) as Record<string, unknown>;
  const requester = draft.requester as
    { names?: unknown; emails?: unknown; phones?: unknown } | undefined;
  const jurisdiction = draft.jurisdiction === 'ccpa' ? 'ccpa' : 'gdpr';
  const subjectIds = Array.isArray(draft.subjectIds)
    ? draft.subjectIds.filter((id): id is number => Number.isSafeInteger(id))
    : [];
  const country = defaultCountry(subjectIds, jurisdiction);
  // Each email and phone on its own, so three wrong values are three messages.
  for (const [field, values] of [
    ['requester.emails', requester?.emails],
    ['requester.phones', requester?.phones],
  ] as const) {
    if (!Array.isArray(values)) continue;
    // The form holds at most ten of each (the schema says so above); no more are looked at.
    for (const value of values.slice(0, 10)) {
      // Too long is reported by the schema above, without echoing the value.
      if (typeof value !== 'string' || value.length > 254) continue;
      const one =
        field === 'requester.emails'
          ? { names: [], emails: [value], phones: [] }
          : { names: [], emails: [], phones: [value] };
      try {
        normaliseRequester(one, country);
      } catch (error) {
        if (error instanceof AppError) problems.push({ field, message: error.message });
        else throw error;
      }
    }
  }
  if (
    typeof draft.timeZone === 'string' &&
    draft.timeZone !== '' &&
    // Longer than a zone name can be: the schema says so, without the value.
    draft.timeZone.length <= 64 &&
    !isValidTimeZone(draft.timeZone)
  ) {
    problems.push({ field: 'timeZone', message: `Unknown time zone "${draft.timeZone}".` });
  }
  if (
    typeof draft.receivedAt === 'string' &&
    Date.parse(draft.receivedAt) > now.getTime() + FUTURE_TOLERANCE_MS
  ) {
    problems.push({
      field: 'receivedAt',
      message: 'The request cannot have been received in the future.',
    });
  }
  return dedupe(problems);
}

function dedupe(problems: IntakeProblem[]): IntakeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
