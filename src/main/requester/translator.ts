import { IntlMessageFormat } from 'intl-messageformat';
import { requesterLocale, type RequesterLanguage } from '../../shared/requester-languages';
import { CATALOGUES, type MessageKey } from './catalogues';

export type MessageArgs = Record<string, string | number>;

/** Everything a requester document writes in the requester's language, locale and time zone. */
export interface Translator {
  language: RequesterLanguage;
  locale: string;
  timeZone: string;
  t(key: MessageKey, args?: MessageArgs): string;
  /** A day, in words: 3 December 2026, 3. Dezember 2026, 1er décembre 2026. */
  date(iso: string): string;
  /** A calendar day given as YYYY-MM-DD (no zone to convert): 1 March 2027. */
  day(isoDate: string): string;
  /** A moment with its time and zone: 3 Dec 2026, 14:05 CET. */
  dateTime(iso: string): string;
  /** An amount held in the currency's smallest unit (cents), as money. */
  money(minor: number, currency: string): string;
  number(value: number): string;
  /** Items joined as the language joins them: “a, b and c”, „a, b und c“. */
  list(items: string[]): string;
}

const compiled = new Map<string, IntlMessageFormat>();

function message(language: RequesterLanguage, locale: string, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGUES[language][key], locale);
    compiled.set(id, format);
  }
  return format;
}

export function translator(
  language: RequesterLanguage,
  timeZone: string,
  country: string | null = null,
): Translator {
  const locale = requesterLocale(language, country);
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const firstOfMonth = (text: string) =>
    // French writes the first of the month as an ordinal (1er); ICU writes “1”.
    language === 'fr' ? text.replace(/^1 /, '1er ') : text;
  // dateStyle cannot be combined with a zone name: the same medium date, spelled out.
  const moment = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  const numbers = new Intl.NumberFormat(locale);
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const currencies = new Map<string, Intl.NumberFormat | null>();
  const currencyFormat = (code: string): Intl.NumberFormat | null => {
    if (!currencies.has(code)) {
      let format: Intl.NumberFormat | null = null;
      try {
        if (/^[A-Z]{3}$/.test(code)) {
          format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
        }
      } catch {
        format = null;
      }
      currencies.set(code, format);
    }
    return currencies.get(code) ?? null;
  };
  return {
    language,
    locale,
    timeZone,
    t(key, args = {}) {
      const out = message(language, locale, key).format(args);
      return typeof out === 'string' ? out : String(out);
    },
    date(iso) {
      return firstOfMonth(longDate.format(new Date(iso)));
    },
    day(isoDate) {
      return firstOfMonth(calendarDay.format(new Date(`${isoDate}T00:00:00Z`)));
    },
    dateTime(iso) {
      return moment.format(new Date(iso));
    },
    money(minor, currency) {
      const code = currency.trim().toUpperCase();
      const format = currencyFormat(code);
      if (!format) return `${numbers.format(minor / 100)} ${currency}`.trim();
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(minor / 10 ** digits);
    },
    number(value) {
      return numbers.format(value);
    },
    list(items) {
      return lists.format(items);
    },
  };
}
