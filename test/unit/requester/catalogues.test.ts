import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/main/requester/catalogues';
import { en } from '../../../src/main/requester/catalogues/en';
import { REQUESTER_LANGUAGES } from '../../../src/shared/requester-languages';
import { translator } from '../../../src/main/requester/translator';

/** Every argument a message uses, with its kind (plain, plural, select, ...). */
function argumentsOf(elements: MessageFormatElement[], into = new Map<string, string>()) {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.set(el.value, into.get(el.value) ?? 'text');
    if (el.type === TYPE.number) into.set(el.value, 'number');
    if (el.type === TYPE.plural) {
      into.set(el.value, 'plural');
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.select) {
      into.set(el.value, `select:${Object.keys(el.options).sort().join('|')}`);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

describe('the requester catalogues', () => {
  it('have every key of the English catalogue and no other', () => {
    const keys = Object.keys(en).sort();
    for (const language of REQUESTER_LANGUAGES) {
      expect(Object.keys(CATALOGUES[language]).sort(), language).toEqual(keys);
    }
  });

  it('parse as ICU messages taking the same arguments in every language', () => {
    for (const [key, message] of Object.entries(en)) {
      const expected = argumentsOf(parse(message));
      for (const language of REQUESTER_LANGUAGES) {
        const translated = CATALOGUES[language][key as keyof typeof en];
        expect(translated.trim(), `${language} ${key} is empty`).not.toBe('');
        expect(argumentsOf(parse(translated)), `${language} ${key}`).toEqual(expected);
        // And it formats: plural rules of the language, no argument left unfilled.
        const args = Object.fromEntries(
          [...expected].map(([name, kind]) => [
            name,
            kind === 'plural' || kind === 'number' ? 2 : kind.startsWith('select') ? 'other' : 'x',
          ]),
        );
        const out = new IntlMessageFormat(translated, language).format(args);
        expect(String(out)).not.toMatch(/[{}]/);
      }
    }
  });

  it('write plurals, lists, money and dates as each language does', () => {
    const count = (language: (typeof REQUESTER_LANGUAGES)[number], n: number) =>
      translator(language, 'Europe/Paris').t('report.tableHeading', { table: 'X', count: n });
    expect([0, 1, 2].map((n) => count('de', n))).toEqual([
      'X (keine Einträge)',
      'X (1 Eintrag)',
      'X (2 Einträge)',
    ]);
    expect(count('fr', 1)).toBe('X (1 entrée)');
    expect(translator('fr', 'Europe/Paris').date('2027-03-01T10:00:00Z')).toBe('1er mars 2027');
    expect(translator('es', 'Europe/Madrid').list(['sus pedidos', 'información'])).toBe(
      'sus pedidos e información',
    );
    expect(translator('en', 'UTC').list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(translator('de', 'Europe/Berlin').money(22550, 'EUR')).toMatch(/^225,50\s€$/);
    expect(translator('nl', 'Europe/Amsterdam').money(1000, 'JPY')).toMatch(/1\.000/);
    expect(translator('en', 'America/New_York', 'US').money(22550, 'USD')).toBe('$225.50');
    expect(translator('it', 'Europe/Rome').money(5, 'NOPE!')).toBe('0,05 NOPE!');
  });
});
