import { CATALOGUES, type MessageKey } from '../requester/catalogues';
import type { Translator } from '../requester/translator';
import type { CodeGroup, ExportColumn } from './export-tables';

/**
 * One value as a person reads it: a moment in their locale and zone, money as money, a flag as
 * yes or no, and structured data (event details, attributes) as “key: value” lines, never JSON.
 */
export interface ReadableCell {
  lines: string[];
  withheld: boolean;
}

const MAX_DEPTH = 4;

/** metadata.page_url → “Page url”: the data's own field names, made readable. */
function humanKey(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A coded value in the requester's words, or null when the catalogue does not know it. */
function codeWords(group: CodeGroup, value: string, tr: Translator): string | null {
  const key = group === 'purpose' ? `purpose.${value}` : `code.${group}.${value}`;
  if (!(key in CATALOGUES[tr.language])) return null;
  const words = tr.t(key as MessageKey);
  return words.charAt(0).toLocaleUpperCase(tr.locale) + words.slice(1);
}

/** Any value as text, structured ones as JSON (never “[object Object]”). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  // undefined has no JSON text: JSON.stringify returns undefined for it despite its type.
  return value === undefined ? '' : JSON.stringify(value);
}

function scalar(value: unknown, tr: Translator): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return tr.t(value ? 'value.yes' : 'value.no');
  if (typeof value === 'number') return tr.number(value);
  if (typeof value === 'string') {
    // An instant inside structured data (2026-03-01T10:00:00Z) reads as a date too.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
      return tr.dateTime(value);
    }
    return value;
  }
  return asText(value);
}

function structuredLines(
  value: unknown,
  tr: Translator,
  prefix = '',
  depth = 0,
  keys: CodeGroup | null = null,
): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value) && value.length === 0) return [];
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const text = value
        .map((v) => scalar(v, tr))
        .filter(Boolean)
        .join(', ');
      return [prefix ? `${prefix}: ${text}` : text].filter((l) => l.trim() !== '');
    }
    return value.flatMap((v, i) =>
      structuredLines(v, tr, prefix ? `${prefix} ${i + 1}` : String(i + 1), depth + 1),
    );
  }
  if (typeof value === 'object') {
    if (depth >= MAX_DEPTH) return [`${prefix}: …`];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const name = (keys && codeWords(keys, k, tr)) ?? humanKey(k);
      return structuredLines(v, tr, prefix ? `${prefix} › ${name}` : name, depth + 1);
    });
  }
  const text = scalar(value, tr);
  return [prefix ? `${prefix}: ${text}` : text];
}

function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function readableCell(
  column: ExportColumn,
  row: Record<string, unknown>,
  tr: Translator,
  fallbackCurrency: string,
): string[] {
  const value = row[column.name];
  if (value === null || value === undefined || value === '') return [];
  if (column.currencyColumn && typeof value === 'number') {
    const currency = row[column.currencyColumn];
    return [
      tr.money(value, typeof currency === 'string' && currency ? currency : fallbackCurrency),
    ];
  }
  switch (column.kind) {
    case 'timestamp':
      return typeof value === 'string' ? [tr.dateTime(value)] : [asText(value)];
    case 'boolean':
      return [tr.t(value === true || value === 1 ? 'value.yes' : 'value.no')];
    case 'integer':
      // Identifiers are written as given (no thousands separators): they are quoted back to us.
      return [asText(value)];
    case 'json':
      return structuredLines(parsedJson(value), tr, '', 0, column.codes ?? null);
    default:
      if (column.day && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return [tr.day(value)];
      }
      if (column.codes && typeof value === 'string') {
        return [codeWords(column.codes, value, tr) ?? value];
      }
      return [asText(value)];
  }
}
