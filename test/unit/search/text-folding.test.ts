import { describe, expect, it } from 'vitest';
import {
  foldText,
  foldWithOffsets,
  foldedWords,
  visibleText,
} from '../../../src/main/search/text-folding';
import { MULTISCRIPT_PEOPLE, MULTISCRIPT_QUERIES } from '../../fixtures/multiscript-names';

/** [as written, as search compares it] */
const FOLDS: [string, string][] = [
  // Letters that do not decompose.
  ['Paweł Łukasiewicz', 'pawel lukasiewicz'],
  ['Großmann STRASSE', 'grossmann strasse'],
  ['Æsa Ærø', 'aesa aero'],
  ['Søren Kjær', 'soren kjaer'],
  ['Þóra Guðmundsdóttir', 'thora gudmundsdottir'],
  ['Đorđe Đukić', 'dorde dukic'],
  ['Œuvre', 'oeuvre'],
  ['Ayşe Yılmaz', 'ayse yilmaz'],
  ['İsmail Çelik', 'ismail celik'],
  ['Nguyễn Văn Đức', 'nguyen van duc'],
  ['Jiří Dvořák', 'jiri dvorak'],
  ['Əliyev', 'eliyev'],
  ['ﬁnn ﬂow', 'finn flow'],
  // Greek: accents go, final sigma is sigma, capitals have no accents to lose.
  ['Σωκράτης Παπαδόπουλος', 'σωκρατησ παπαδοπουλοσ'],
  ['ΣΩΚΡΑΤΗΣ ΠΑΠΑΔΟΠΟΥΛΟΣ', 'σωκρατησ παπαδοπουλοσ'],
  ['Ευαγγελία Ρήγα-Φεραίου', 'ευαγγελια ρηγα-φεραιου'],
  // Cyrillic: ё is е; й, ї, ў are letters of their own, however they were typed.
  ['Пётр Королёв', 'петр королев'],
  ['Андрей Йоффе', 'андрей йоффе'],
  ['Андрей И\u0306оффе', 'андрей йоффе'],
  ['Їжакевич', 'їжакевич'],
  ['Ўладзімір', 'ўладзімір'],
  ['Ђорђе Јовановић', 'ђорђе јовановић'],
  // Arabic vowel signs, hamza seats, teh marbuta, the stretching stroke; Hebrew points.
  ['مُحَمَّد', 'محمد'],
  ['أحمد إبراهيم آل', 'احمد ابراهيم ال'],
  ['فاطمة', 'فاطمه'],
  ['مـــحمد', 'محمد'],
  ['דָּוִד כֹּהֵן', 'דוד כהן'],
  // Devanagari keeps its vowel signs (they are letters) and loses the nukta; Thai is untouched.
  ['राहुल शर्मा', 'राहुल शर्मा'],
  ['फ़ातिमा ख़ान', 'फातिमा खान'],
  ['สมชาย ใจดี', 'สมชาย ใจดี'],
  // Japanese: katakana as hiragana, half-width as full, voicing marks kept; Korean syllables stay.
  ['サトウ ハナコ', 'さとう はなこ'],
  ['ｻﾄｳ ｶﾞ', 'さとう が'],
  ['ガ', 'が'],
  ['김민준', '김민준'],
  ['\u1100\u1175\u11b7', '김'],
  ['王芳', '王芳'],
  // Georgian has no case; Armenian has.
  ['გიორგი ბერიძე', 'გიორგი ბერიძე'],
  ['Արամ ԽԱՉԱՏՐՅԱՆ', 'արամ խաչատրյան'],
  // Other digits read as digits.
  ['٠٧٧٠٠ ९००८५२', '07700 900852'],
  // Characters nobody sees are dropped; tabs and line breaks separate words.
  ['Jo\u200bhn Smi\u00adth', 'john smith'],
  ['\u202bשרה\u202c \u200fלוי\u200f', 'שרה לוי'],
  ['\ufeffAnn\u0000a\u0007', 'anna'],
  ['Ann\tLee\nSmith\r\n', 'ann lee smith  '],
  ['broken \ud800 half', 'broken  half'],
  ['e\u0301\u0301\u0301', 'e'],
];

describe('search folding', () => {
  it.each(FOLDS)('folds %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('keeps what tells names apart: voicing marks, й, Devanagari vowel signs', () => {
    expect(foldText('が')).not.toBe(foldText('か'));
    expect(foldText('Йоффе')).not.toBe(foldText('Иоффе'));
    expect(foldText('राम')).not.toBe(foldText('रम'));
  });

  it('folds the same whether or not offsets are kept, and folding folded text changes nothing', () => {
    const texts = [
      ...FOLDS.map(([text]) => text),
      ...MULTISCRIPT_PEOPLE.flatMap((p) => [p.name, p.city ?? '']),
      ...MULTISCRIPT_QUERIES.map((q) => q.text),
    ];
    for (const text of texts) {
      const { folded, origin } = foldWithOffsets(text);
      expect(folded, text).toBe(foldText(text));
      expect(foldText(folded), text).toBe(folded);
      expect(origin).toHaveLength(folded.length + 1);
      expect(origin.every((at, i) => at <= text.length && at >= (origin[i - 1] ?? 0))).toBe(true);
    }
  });

  it('maps highlights back onto the characters as written', () => {
    const { folded, origin } = foldWithOffsets('Straße Łódź');
    const at = folded.indexOf('lodz');
    expect([origin[at], origin[at + 4]]).toEqual([7, 11]);
    const ss = folded.indexOf('ss');
    expect([origin[ss], origin[ss + 2]]).toEqual([4, 5]);
  });

  it('splits words at spaces and punctuation, never inside a word of any script', () => {
    expect(foldedWords('राहुल शर्मा')).toEqual(['राहुल', 'शर्मा']);
    expect(foldedWords('สมชาย ใจดี')).toEqual(['สมชาย', 'ใจดี']);
    expect(foldedWords('O’Brien-Łasica')).toEqual(['o', 'brien', 'lasica']);
    expect(foldedWords('Mar\u02bcyana')).toEqual(['mar', 'yana']);
    expect(foldedWords('Jo\u0000hn')).toEqual(['john']);
  });

  it('drops only the invisible characters from text kept as typed', () => {
    expect(visibleText('Ann.Lee@Example.org\u200b')).toBe('Ann.Lee@Example.org');
    expect(visibleText('a\u0000b\tc')).toBe('ab c');
  });
});
