import { describe, expect, it } from 'vitest';
import { daysOffInWords } from '../../../src/renderer/src/features/cases/case-labels';

describe('the days a deadline moved past, in words', () => {
  it('names holidays and folds a Saturday and Sunday into the weekend', () => {
    expect(daysOffInWords(['Sunday'])).toBeNull();
    expect(daysOffInWords(['Saturday', 'Sunday'])).toBeNull();
    expect(daysOffInWords(['Corpus Christi'])).toBe('Corpus Christi');
    expect(daysOffInWords(['Good Friday', 'Saturday', 'Sunday', 'Easter Monday'])).toBe(
      'Good Friday, then the weekend and Easter Monday',
    );
    expect(daysOffInWords(['Christmas Day', 'Boxing Day', 'Saturday', 'Sunday'])).toBe(
      'Christmas Day, then Boxing Day and the weekend',
    );
  });
});
