import { DateTime } from 'luxon';
import { PURPOSE_LABELS, tableLabel, type CaseActionView } from '../../shared/rights';

interface TableOutcome {
  strategy: string;
  rows: number;
  legalBasis?: string | null;
  retainUntilLast?: string | null;
}

/**
 * What was done for the requester, in the words of a letter: built from what central confirmed
 * (never from what the desk intended), including what is kept, until when and why.
 */
export function completionStatement(actions: CaseActionView[], timeZone: string): string {
  const day = (iso: string) =>
    DateTime.fromISO(iso, { zone: timeZone }).toLocaleString(DateTime.DATE_FULL, {
      locale: 'en-GB',
    });
  const list = (items: string[]) =>
    items.length <= 1
      ? (items[0] ?? '')
      : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
  const paragraphs: string[] = [];
  for (const action of actions) {
    const d = action.details;
    if (action.kind === 'erasure') {
      const tables = Object.entries((d.tables ?? {}) as Record<string, TableOutcome>).filter(
        ([, t]) => t.rows > 0,
      );
      const deleted = tables.filter(([, t]) => t.strategy === 'delete').map(([n]) => tableLabel(n));
      const anonymised = tables
        .filter(([, t]) => t.strategy === 'anonymise')
        .map(([n]) => tableLabel(n));
      paragraphs.push(
        `On ${day(action.at)} we erased your personal data: we deleted ${list(deleted) || 'your records'}${anonymised.length ? `, and removed everything that identifies you from ${list(anonymised)}` : ''}.`,
      );
      for (const [name, t] of tables.filter(([, x]) => x.strategy === 'retain')) {
        paragraphs.push(
          `We must keep ${tableLabel(name)} (${t.rows} ${t.rows === 1 ? 'record' : 'records'})${t.retainUntilLast ? ` until ${day(t.retainUntilLast)}` : ''}, no longer linked to your name, because the law requires us to keep them (${t.legalBasis ?? 'a legal retention period'}). After that date they are deleted too.`,
        );
      }
    } else if (action.kind === 'consent') {
      const purposes = Array.isArray(d.purposes) ? (d.purposes as string[]) : [];
      paragraphs.push(
        `From ${day(action.at)} we no longer use your data for: ${list(purposes.map((p) => (PURPOSE_LABELS[p] ?? p).toLowerCase()))}.`,
      );
    } else if (action.kind === 'restriction') {
      paragraphs.push(
        `From ${day(action.at)} we keep your data but do not otherwise use it, until the question you raised is settled; we will tell you before the restriction is lifted.`,
      );
    } else if (action.kind === 'restriction_lifted') {
      paragraphs.push(`On ${day(action.at)} the restriction was lifted.`);
    } else {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]) : [];
      const addresses = Array.isArray(d.addresses) ? d.addresses.length : 0;
      const what = [
        ...fields.map((f) => f.replace(/_/g, ' ')),
        ...(addresses > 0 ? [addresses === 1 ? 'your address' : 'your addresses'] : []),
      ];
      paragraphs.push(`On ${day(action.at)} we corrected ${list(what)} as you asked.`);
    }
  }
  return paragraphs.join('\n\n');
}
