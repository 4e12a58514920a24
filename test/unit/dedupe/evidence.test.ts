import { describe, expect, it } from 'vitest';
import {
  compareBirths,
  compareRecords,
  F,
  FIELDS,
  MISSING,
} from '../../../src/main/dedupe/comparison';
import { guardOf, GUARD_OUT, GUARD_POSSIBLE } from '../../../src/main/dedupe/match-model';
import { nameParts } from '../../../src/main/dedupe/name-parts';
import { areNicknames } from '../../../src/main/dedupe/nicknames';
import {
  birthNumber,
  FeatureTable,
  isNameOnly,
  streetParts,
  type DedupeSource,
} from '../../../src/main/dedupe/record-features';

const home = { line1: '12 Elm Road', city: 'Leeds', postcode: 'LS1 4AB', country: 'GB' };

function person(overrides: Partial<DedupeSource>): DedupeSource {
  return {
    customerId: 1,
    name: 'Anna Berg',
    email: null,
    phone: null,
    addresses: [home],
    ...overrides,
  };
}

/** The levels of two records, as detection compares them. */
function levelsOf(a: Partial<DedupeSource>, b: Partial<DedupeSource>): number[] {
  const table = new FeatureTable(2);
  table.add(person({ customerId: 1, ...a }));
  table.add(person({ customerId: 2, ...b }));
  const levels = new Uint8Array(FIELDS.length);
  compareRecords(table, 0, 1, levels);
  return [...levels];
}

describe('evidence detection compares', () => {
  it('reads dates of birth: the same, day and month swapped, one part off, different, missing', () => {
    const d = (text: string) => birthNumber(text);
    expect(compareBirths(d('1984-03-07'), d('19840307'))).toBe(0);
    expect(compareBirths(d('1984-03-07'), d('1984-07-03'))).toBe(1);
    expect(compareBirths(d('1984-03-07'), d('1985-03-07'))).toBe(2);
    expect(compareBirths(d('1984-03-07'), d('1984-03-17'))).toBe(2);
    expect(compareBirths(d('1984-03-07'), d('2011-09-07'))).toBe(3);
    expect(compareBirths(d('1984-03-07'), d(''))).toBe(MISSING);
    expect(d('not a date')).toBe(0);
  });

  it('reads a date of birth only from eight ASCII digits at the start, dashes optional', () => {
    expect(birthNumber(' 1984-03-07T00:00:00Z')).toBe(19840307);
    expect(birthNumber('1984-0307')).toBe(19840307);
    expect(birthNumber('1984-31-07')).toBe(19843107);
    for (const text of [
      '1984-3-07',
      '1984--03-07',
      '1984/03/07',
      '198403',
      '1984-03-0',
      '١٩٨٤0307',
    ])
      expect(birthNumber(text)).toBe(0);
    for (const text of ['1849-03-07', '1984-00-07', '1984-32-07', '1984-03-00', '1984-03-32'])
      expect(birthNumber(text)).toBe(0);
    expect(birthNumber(null)).toBe(0);
  });

  it('splits names, keeps double family names whole, and takes Jr/Sr apart', () => {
    expect(nameParts('José García López')).toMatchObject({ given: 'jose', family: 'garcia lopez' });
    expect(nameParts('John Smith Jr.')).toMatchObject({
      given: 'john',
      family: 'smith',
      generation: 1,
    });
    expect(nameParts('Smith', 'John', 'Smith')).toMatchObject({ given: 'john', family: 'smith' });
    expect(nameParts('Madonna')).toMatchObject({ given: '', family: 'madonna' });
  });

  it('knows nicknames across the product languages, and not look-alikes', () => {
    for (const [a, b] of [
      ['bob', 'robert'],
      ['liz', 'elizabeth'],
      ['pepe', 'jose'],
      ['kees', 'cornelis'],
      ['beppe', 'giuseppe'],
      ['sepp', 'josef'],
    ]) {
      expect(areNicknames(a ?? '', b ?? ''), `${a} ${b}`).toBe(true);
    }
    expect(areNicknames('anna', 'hannah')).toBe(false);
    expect(levelsOf({ name: 'Bob Marsh' }, { name: 'Robert Marsh' })[F.given]).toBe(1);
  });

  it('tells a mailbox that is only the name from one of the person’s own', () => {
    expect(isNameOnly('anna.berg', () => ['anna', 'berg'])).toBe(true);
    expect(isNameOnly('aberg', () => ['anna', 'berg'])).toBe(true);
    expect(isNameOnly('berg_anna', () => ['anna', 'berg'])).toBe(true);
    expect(isNameOnly('hans.mueller', () => ['hans', 'müller', 'muller'])).toBe(true);
    expect(isNameOnly('anna.berg84', () => ['anna', 'berg'])).toBe(false);
    expect(isNameOnly('sunnyday', () => ['anna', 'berg'])).toBe(false);
    const namesakes = levelsOf(
      { email: 'anna.berg@example.com' },
      { email: 'anna.berg@example.org' },
    );
    const own = levelsOf({ email: 'sunnyday@example.com' }, { email: 'sunnyday@example.org' });
    expect(FIELDS[F.email]?.levels[namesakes[F.email] ?? 0]).toMatch(/only the person's name/);
    expect(FIELDS[F.email]?.levels[own[F.email] ?? 0]).toBe('same name before @, other provider');
  });

  it('compares house number and street apart from the postcode', () => {
    // Search folding spells ß out, so the Swiss "Hauptstrasse" is the same street.
    expect(streetParts('Hauptstraße 12a')).toEqual({ number: '12a', name: 'hauptstrasse' });
    expect(streetParts('12a Hauptstrasse')).toEqual(streetParts('Hauptstraße 12a'));
    const address = (line1: string, postcode: string) => ({ ...home, line1, postcode });
    const level = (a: string, pa: string, b: string, pb: string) =>
      FIELDS[F.address]?.levels[
        levelsOf({ addresses: [address(a, pa)] }, { addresses: [address(b, pb)] })[F.address] ?? 0
      ];
    expect(level('12 Elm Road', 'LS1 4AB', '12 Elm Road', 'LS1 4AB')).toBe('same street address');
    expect(level('12 Elm Road', 'LS1 4AB', '12 Elm Road', 'LS1 4BA')).toBe('same street address');
    expect(level('12 Elm Road', 'LS1 4AB', '14 Elm Road', 'LS1 4AB')).toBe(
      'same street, other house number',
    );
  });

  it('reads one phone number in every format, and two area codes as two numbers', () => {
    const phone = (a: string, b: string) => levelsOf({ phone: a }, { phone: b })[F.phone];
    expect(phone('+44 20 7946 0958', '020 7946 0958')).toBe(0);
    expect(phone('0044 20 7946 0958', '+442079460958')).toBe(0);
    expect(phone('+33 4 65 71 61 60', '04 65 71 61 60')).toBe(0);
    expect(phone('+34 697 253 306', '697253306')).toBe(0);
    expect(phone('+1 (614) 555-0118', '614-555-0118')).toBe(0);
    expect(phone('+1 (614) 555-0118', '+1 (214) 555-0118')).toBe(1);
  });

  it('never lets two blank values agree', () => {
    const blank = { line1: '', city: '', postcode: '', country: 'GB' };
    const levels = levelsOf(
      { name: 'Anna Berg', addresses: [blank], email: ' ', phone: '' },
      { name: 'Anna Berg', addresses: [blank], email: ' ', phone: '' },
    );
    expect(levels[F.address]).toBe(MISSING);
    expect(levels[F.email]).toBe(MISSING);
    expect(levels[F.phone]).toBe(MISSING);
  });

  it('keeps family members out of the list and twins out of "likely", whatever they share', () => {
    const shared = { email: 'bergs@example.com', phone: '0113 496 0000' };
    const partner = levelsOf(
      { ...shared, name: 'Anna Berg', dateOfBirth: '1970-05-01' },
      { ...shared, name: 'Erik Berg', dateOfBirth: '1968-11-20' },
    );
    expect(guardOf(partner)?.cap).toBe(GUARD_OUT);
    expect(guardOf(partner)?.reason).toMatch(/given names differ.*not one person/);
    const noBirthDates = levelsOf(
      { ...shared, name: 'Anna Berg' },
      { ...shared, name: 'Erik Berg' },
    );
    expect(guardOf(noBirthDates)?.cap).toBe(GUARD_OUT);
    const twins = levelsOf(
      { ...shared, name: 'Anna Berg', dateOfBirth: '1990-05-01' },
      { ...shared, name: 'Erik Berg', dateOfBirth: '1990-05-01' },
    );
    expect(guardOf(twins)?.cap).toBe(GUARD_POSSIBLE);
    const fatherAndSon = levelsOf(
      { ...shared, name: 'John Smith Sr' },
      { ...shared, name: 'John Smith Jr' },
    );
    expect(guardOf(fatherAndSon)?.reason).toMatch(/Jr and the other Sr/);
    expect(guardOf(fatherAndSon)?.cap).toBe(GUARD_OUT);
    // A shared identification number is not something family members have.
    const oneId = levelsOf(
      { ...shared, name: 'Anna Berg', dateOfBirth: '1970-05-01', nationalId: '123-45-678' },
      { ...shared, name: 'Ann Svensson', dateOfBirth: '1971-06-01', nationalId: '12345678' },
    );
    expect(oneId[F.id]).toBe(0);
    expect(guardOf(oneId)).toBeNull();
    const onePerson = levelsOf(
      { ...shared, name: 'Anna Berg', dateOfBirth: '1970-05-01' },
      { ...shared, name: 'Anna Berg', dateOfBirth: '1970-05-01' },
    );
    expect(guardOf(onePerson)).toBeNull();
  });

  it('takes names in another order as one piece of evidence, not two', () => {
    const swapped = levelsOf({ name: 'Berg Anna' }, { name: 'Anna Berg' });
    expect(FIELDS[F.given]?.levels[swapped[F.given] ?? 0]).toBe('same name words in another order');
    expect(swapped[F.family]).toBe(MISSING);
  });
});
