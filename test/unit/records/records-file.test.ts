import { stringify } from 'yaml';
import { REFERENCE_DATA_MAP } from '../../../src/main/datamap/reference-data-map';
import { defaultStatement } from '../../../src/main/export/statement-defaults';
import { proposeActivities } from '../../../src/main/records/records-prefill';
import { REQUESTER_LANGUAGES } from '../../../src/shared/requester-languages';
import { describe, expect, it } from 'vitest';
import {
  MAX_RECORDS_FILE_BYTES,
  parseActivities,
  writeActivities,
} from '../../../src/main/records/records-file';
import { processingActivitySchema } from '../../../src/shared/records';

const activity = processingActivitySchema.parse({
  activity_id: 'newsletter',
  name: 'Newsletter',
  purposes: 'Sending the monthly newsletter.',
  legal_basis: 'Consent (Article 6(1)(a) GDPR).',
  subject_categories: ['Subscribers'],
  data_categories: ['contact', 'preferences'],
  report_sections: ['consents'],
  retention: 'Until the subscriber unsubscribes.',
});

describe('a records-of-processing file', () => {
  it('reads `activities:` or a bare list, and names each problem at its line', () => {
    expect(parseActivities(stringify({ activities: [activity] }))).toEqual({
      ok: true,
      activities: [activity],
    });
    expect(parseActivities(stringify([activity]))).toEqual({ ok: true, activities: [activity] });

    // A bare list's paths read without the "activities" the file does not have.
    const wrong = stringify([activity, { ...activity, data_categories: ['gossip'] }], {
      aliasDuplicateObjects: false,
    });
    const refused = parseActivities(wrong);
    expect(refused.ok).toBe(false);
    const problem = !refused.ok ? refused.problems[0] : undefined;
    expect(problem?.at).toBe('[1].data_categories[0]');
    expect(problem?.line).toBe(wrong.split('\n').findIndex((l) => l.includes('gossip')) + 1);
  });

  it('refuses what could not be stored or could expand, before any schema reads it', () => {
    const nul = stringify([{ ...activity, purposes: 'a\u0000b' }]);
    expect(parseActivities(nul)).toMatchObject({
      ok: false,
      problems: [{ at: '[0].purposes', message: expect.stringMatching(/^The text /) }],
    });
    const aliases = 'a: &x [1, 2]\nactivities: [*x, *x]\n';
    expect(parseActivities(aliases)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/^Not readable/) }],
    });
    expect(parseActivities('activities: [\n')).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/^Not valid YAML or JSON/) }],
    });
    expect(parseActivities(' '.repeat(MAX_RECORDS_FILE_BYTES + 1))).toMatchObject({
      ok: false,
      problems: [{ line: null, message: expect.stringMatching(/larger than 2 MB/) }],
    });
  });

  it('reads back what the pre-fill writes, though its activities share texts and lists', () => {
    const proposed = proposeActivities({
      map: REFERENCE_DATA_MAP,
      statements: Object.fromEntries(
        REQUESTER_LANGUAGES.map((l) => [l, defaultStatement(l, 'Example Shop Ltd')]),
      ) as Parameters<typeof proposeActivities>[0]['statements'],
      retention: [],
      controllerContact: 'Example Shop Ltd',
      dpoContact: 'dpo@example.org',
    }).map(({ base_version: _, ...a }) => a);
    const written = writeActivities(proposed, 'Proposed\nreview every text');
    expect(written).toMatch(/^# Proposed\n# review every text\n/);
    expect(parseActivities(written)).toEqual({
      ok: true,
      activities: proposed.map((a) => processingActivitySchema.parse(a)),
    });
    // A copy made with a spread shares the original's lists: still written out in full.
    const [first] = proposed;
    if (!first) throw new Error('nothing proposed');
    const copies = [first, { ...first, activity_id: 'copy', name: 'A copy' }];
    expect(parseActivities(writeActivities(copies, 'Copies'))).toMatchObject({ ok: true });
  });
});
