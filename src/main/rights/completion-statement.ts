import type { CaseActionView } from '../../shared/rights';
import { CATALOGUES, type MessageKey } from '../requester/catalogues';
import type { Translator } from '../requester/translator';

interface TableOutcome {
  strategy: string;
  rows: number;
  legalBasis?: string | null;
  retainUntilLast?: string | null;
}

/** A copy of the data written for the case (the timeline's export entries). */
export interface ExportDone {
  at: string;
  rows: number;
}

/** reflect.orders → “your orders”, in the requester's language; a company's own table by its name. */
function tableWords(table: string, tr: Translator): string {
  const bare = table.replace(/^[^.]*\./, '');
  const key = `deleted.${bare}`;
  return key in CATALOGUES[tr.language] ? tr.t(key as MessageKey) : bare.replace(/_/g, ' ');
}

function fieldWords(field: string, tr: Translator): string {
  const key = `field.${field}`;
  return key in CATALOGUES[tr.language]
    ? tr.t(key as MessageKey)
    : tr.t('field.other', { field: field.replace(/_/g, ' ') });
}

function purposeWords(purpose: string, tr: Translator): string {
  const key = `purpose.${purpose}`;
  return key in CATALOGUES[tr.language] ? tr.t(key as MessageKey) : purpose.replace(/_/g, ' ');
}

/**
 * What was done for the requester, in the words of a letter: built from what central confirmed
 * (never from what the desk intended), including what is kept, until when and why, and the copies
 * of the data written for an access request. Empty when nothing was done.
 */
export function completionStatement(
  actions: CaseActionView[],
  tr: Translator,
  exports: ExportDone[] = [],
): string {
  const paragraphs: string[] = [];
  for (const action of actions) {
    const d = action.details;
    const date = tr.date(action.at);
    if (action.kind === 'erasure') {
      const tables = Object.entries((d.tables ?? {}) as Record<string, TableOutcome>).filter(
        ([, t]) => t.rows > 0,
      );
      const words = (strategy: string) =>
        tables.filter(([, t]) => t.strategy === strategy).map(([n]) => tableWords(n, tr));
      const deleted = words('delete');
      const anonymised = words('anonymise');
      if (deleted.length > 0 && anonymised.length > 0) {
        paragraphs.push(
          tr.t('done.erasureAnonymised', {
            date,
            deleted: tr.list(deleted),
            anonymised: tr.list(anonymised),
          }),
        );
      } else if (anonymised.length > 0) {
        paragraphs.push(
          tr.t('done.erasureOnlyAnonymised', { date, anonymised: tr.list(anonymised) }),
        );
      } else {
        paragraphs.push(
          tr.t('done.erasure', {
            date,
            deleted: deleted.length > 0 ? tr.list(deleted) : tr.t('done.yourRecords'),
          }),
        );
      }
      for (const [name, t] of tables.filter(([, x]) => x.strategy === 'retain')) {
        paragraphs.push(
          tr.t('done.retained', {
            table: tableWords(name, tr),
            count: t.rows,
            hasUntil: t.retainUntilLast ? 'yes' : 'no',
            until: t.retainUntilLast ? tr.date(t.retainUntilLast) : '',
            basis: t.legalBasis?.trim() || tr.t('done.retainedBasis'),
          }),
        );
      }
    } else if (action.kind === 'consent') {
      const purposes = Array.isArray(d.purposes) ? (d.purposes as string[]) : [];
      paragraphs.push(
        tr.t('done.consent', { date, purposes: tr.list(purposes.map((p) => purposeWords(p, tr))) }),
      );
    } else if (action.kind === 'restriction') {
      paragraphs.push(tr.t('done.restriction', { date }));
    } else if (action.kind === 'restriction_lifted') {
      paragraphs.push(tr.t('done.restrictionLifted', { date }));
    } else {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]) : [];
      const addresses = Array.isArray(d.addresses) ? d.addresses.length : 0;
      const what = [
        ...fields.map((f) => fieldWords(f, tr)),
        ...(addresses > 0 ? [tr.t('done.yourAddress', { count: addresses })] : []),
      ];
      if (what.length > 0) {
        paragraphs.push(tr.t('done.rectification', { date, fields: tr.list(what) }));
      }
    }
  }
  for (const e of exports) {
    paragraphs.push(
      e.rows > 0
        ? tr.t('done.export', { date: tr.date(e.at), count: e.rows })
        : tr.t('done.nothing'),
    );
  }
  return paragraphs.join('\n\n');
}
