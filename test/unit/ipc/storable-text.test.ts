import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { CHANNELS } from '../../../src/shared/ipc/names';
import { testServices } from '../../support/workspace';

const CASE_ID = '0b9e4a52-9a6f-4c1e-8d2c-3c8f3f0a1b2c';

/** Real channel inputs, each with one text field to spoil. */
const FIELDS: [string, (text: string) => unknown][] = [
  ['subject:rectify', (v) => ({ customerId: 1, field: 'email', value: v, baseVersion: 1 })],
  ['search:query', (v) => ({ text: 'Ann', filters: { statuses: [v], tags: [] } })],
  ['cases:act', (v) => ({ caseId: CASE_ID, baseVersion: 1, act: { action: 'note', text: v } })],
  [
    'cases:create',
    (v) => ({
      jurisdiction: 'gdpr',
      requestType: 'access',
      channel: 'email',
      requester: { names: ['Ann'], emails: [`a${v}@example.org`] },
      receivedAt: '2027-01-01T00:00:00Z',
      timeZone: 'Europe/Berlin',
    }),
  ],
  ['sync:connect', (v) => ({ url: 'postgres://ann@localhost/crm', password: v })],
  ['duplicates:clusters', (v) => ({ text: v })],
  ['workspace:create', (v) => ({ name: `Desk ${v}`, keyMode: 'keychain' })],
];

const SPOILERS: [string, string, RegExp][] = [
  ['a NUL character', 'a\u0000b', /NUL character/],
  ['an unpaired high surrogate', 'a\uD83Db', /unpaired UTF-16 surrogate/],
  ['an unpaired low surrogate', 'a\uDE00b', /unpaired UTF-16 surrogate/],
  ['a surrogate at the very end', 'ab\uD83D', /unpaired UTF-16 surrogate/],
];

/** The real handlers, each counting its calls, so a test can show a refusal came before them. */
function counted(handlers: Handlers): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([name, run]) => [
      name,
      (input: unknown) => {
        calls.push(name);
        return (run as (i: unknown) => unknown)(input);
      },
    ]),
  ) as Handlers;
  return { handlers: wrapped, calls };
}

describe('text PostgreSQL cannot store is refused at the IPC boundary', () => {
  for (const [channel, input] of FIELDS) {
    for (const [what, text, message] of SPOILERS) {
      it(`${channel}: ${what}`, async () => {
        const { handlers, calls } = counted(testServices().handlers);
        const result = await dispatch(handlers, channel, input(text));
        expect(result).toMatchObject({ ok: false, error: { code: 'UNSTORABLE_TEXT' } });
        if (result.ok) return;
        expect(result.error.message).toMatch(message);
        expect(result.error.message).toMatch(/Remove or retype/);
        expect(calls).toEqual([]);
      });
    }
  }

  it('answers a search whatever its text holds: the query is read, never stored', async () => {
    const services = testServices();
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    for (const [, text] of SPOILERS) {
      const result = await dispatch(services.handlers, 'search:query', { text });
      expect(result, JSON.stringify(text)).toMatchObject({ ok: true, value: { hits: [] } });
    }
    // A key is still checked, whatever channel it is sent to.
    const keyed = await dispatch(services.handlers, 'search:query', { text: 'a', ['k\u0000']: 1 });
    expect(keyed).toMatchObject({ ok: false, error: { code: 'UNSTORABLE_TEXT' } });
  });

  it('cuts a long search instead of refusing it', async () => {
    const services = testServices();
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const result = await dispatch(services.handlers, 'search:query', {
      text: `Ann ${'x'.repeat(1_000_000)}`,
    });
    expect(result).toMatchObject({ ok: true, value: { hits: [] } });
  });

  it('keeps well-formed text, emoji and other scripts', async () => {
    const { handlers } = testServices();
    const result = await dispatch(handlers, 'workspace:create', {
      name: 'Desk 😀 Müller 東京',
      keyMode: 'keychain',
    });
    expect(result).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });

  it('covers every channel, nested values and object keys alike', async () => {
    const { handlers, calls } = counted(testServices().handlers);
    for (const channel of CHANNELS) {
      for (const input of [
        { deep: { deeper: ['fine', 'bad\u0000'] } },
        { ['key\uDC00']: 'value' },
      ]) {
        const result = await dispatch(handlers, channel, input);
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'UNSTORABLE_TEXT' } });
      }
    }
    expect(calls).toEqual([]);
  });
});
