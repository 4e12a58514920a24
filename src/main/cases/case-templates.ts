import type { Deadline, FilledLetter, TemplateKind } from '../../shared/cases';
import type { CaseSettings } from '../../shared/ipc/contract';
import type { CaseActionView } from '../../shared/rights';
import type { RequesterLanguage } from '../../shared/requester-languages';
import type { MessageKey } from '../requester/catalogues';
import { translator } from '../requester/translator';
import { completionStatement, type ExportDone } from '../rights/completion-statement';
import type { CaseRecord } from './case-record';

/** The organisation's name until an officer enters the real one. */
export const PLACEHOLDER_ORGANISATION = 'Our company';

interface TemplateContext {
  record: CaseRecord;
  deadline: Deadline;
  settings: CaseSettings;
  language: RequesterLanguage;
  country: string | null;
  /** What central confirmed was done (erasure, consents, restriction, corrections). */
  actions: CaseActionView[];
  /** Copies of the data written for the case. */
  exports: ExportDone[];
  /** Why the request cannot be closed as fulfilled yet, if it cannot (rights/case-fulfilment). */
  unfulfilled: string | null;
}

/**
 * Free text the officer wrote (a reason) as one sentence of a letter: spaces tidied, a capital
 * first letter, exactly one closing stop. “complex request: records in three systems.” stays one
 * sentence and never ends in “..”.
 */
export function asSentence(text: string, locale: string): string {
  const tidy = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
  if (!tidy) return '';
  const first = tidy.charAt(0).toLocaleUpperCase(locale) + tidy.slice(1);
  return /[!?…]$/.test(first) ? first : `${first}.`;
}

const gap = (what: string) => `[[${what}]]`;

/**
 * Letters for the four moments the law asks the requester to be told something, in the
 * requester's language. Whatever the case cannot fill yet becomes a marked gap and a problem the
 * officer reads; a letter with a gap cannot be saved as sent (the desk and central both refuse).
 */
export function fillTemplate(kind: TemplateKind, context: TemplateContext): FilledLetter {
  const { record, deadline, settings } = context;
  const tr = translator(context.language, record.timeZone, context.country);
  const problems: string[] = [];
  const need = (value: string | null | undefined, what: string, problem: string): string => {
    if (value && value.trim()) return value.trim();
    problems.push(problem);
    return gap(what);
  };

  const reference = need(
    record.reference,
    'reference, given by central on the next sync',
    'Central has not given this case its reference yet: sync, then choose the letter again.',
  );
  const name = settings.organisationName.trim();
  const organisation = need(
    name === PLACEHOLDER_ORGANISATION ? null : name,
    'name of the organisation',
    `The organisation’s name is still “${PLACEHOLDER_ORGANISATION}”: enter the real name in Settings → Organisation.`,
  );
  const signatory = need(
    settings.signatory,
    'name and role of the person signing',
    'No one signs the letters yet: enter the signatory in Settings → Organisation.',
  );
  const requesterName = record.agent?.name ?? record.requester.names[0] ?? null;
  const values: Record<string, string> = {
    reference,
    request: tr.t(`request.${record.requestType}` as MessageKey),
    receivedDate: tr.date(record.receivedAt),
    dueDate: tr.date(deadline.dueAt),
  };
  if (kind === 'extension') {
    values.reason = need(
      record.extension ? asSentence(record.extension.reason, tr.locale) : null,
      'reason for the extension',
      'No extension is recorded on the case: extend the deadline (with its reason) first, then choose the letter again.',
    );
  }
  if (kind === 'rejection') {
    values.reason = need(
      record.resolution ? asSentence(record.resolution, tr.locale) : null,
      'reason for the rejection',
      'The case has no reason for the rejection yet: write it in place of the gap, or reject the case with its reason and choose the letter again.',
    );
  }
  if (kind === 'completion') {
    const done = completionStatement(context.actions, tr, context.exports);
    values.actionsDone = need(
      context.unfulfilled === null ? done : null,
      'what was done for the request',
      context.unfulfilled ?? 'Nothing confirmed was done for this request yet.',
    );
  }

  const salutation = tr.t('letter.salutation', {
    hasName: requesterName ? 'yes' : 'no',
    name: requesterName ?? '',
  });
  const signature = [
    tr.t('letter.closing'),
    signatory,
    organisation,
    settings.organisationAddress?.trim(),
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
  const body = `${salutation}\n\n${tr.t(`${kind}.body`, values)}\n\n${signature}`
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return {
    subject: tr.t(`${kind}.subject`, { reference }),
    body,
    language: context.language,
    problems,
  };
}
