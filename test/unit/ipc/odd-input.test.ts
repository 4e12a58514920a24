import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { contract } from '../../../src/shared/ipc/contract';
import { CHANNELS } from '../../../src/shared/ipc/names';
import { testServices } from '../../support/workspace';

const MEGABYTES = 'x'.repeat(4 * 1024 * 1024);

function deeplyNested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

function throwingGetter(): unknown {
  const value = {};
  Object.defineProperty(value, 'name', {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });
  return value;
}

function revokedProxy(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const ODD_INPUTS: [string, () => unknown][] = [
  ['megabytes of text as the input', () => MEGABYTES],
  ['megabytes of text in an unknown field', () => ({ anything: MEGABYTES })],
  ['nesting 100,000 levels deep', () => deeplyNested(100_000)],
  ['a throwing getter', throwingGetter],
  ['a revoked proxy', revokedProxy],
  ['a million-element array', () => ({ items: new Array(1_000_000).fill(1) })],
  ['a number that is not finite', () => ({ limit: Number.NaN, customerId: Infinity })],
  ['a bigint', () => ({ customerId: 10n })],
  ['a function', () => ({ text: () => 'hi' })],
];

/** Each top-level field of the channel's schema, filled with megabytes of text. */
function megabytesInEveryField(channel: (typeof CHANNELS)[number]): unknown[] {
  const shape = (contract[channel].input as { shape?: Record<string, unknown> }).shape ?? {};
  return Object.keys(shape).map((key) => ({ [key]: MEGABYTES }));
}

function expectContained(result: unknown): void {
  // An answer, never an exception, and short: the input is not echoed back.
  expect(result).toMatchObject({ ok: expect.any(Boolean) });
  expect(JSON.stringify(result).length).toBeLessThan(2000);
}

describe('no input throws out of dispatch', () => {
  // Megabytes through every channel's schema: the whole run grows with the number of channels
  // (about 30 s for 81 channels on a loaded two-core machine), so the limit is generous; each answer is
  // still checked to be a refusal, not timed.
  it('answers every channel for every odd input, briefly', { timeout: 180_000 }, async () => {
    const services = testServices();
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    for (const channel of CHANNELS) {
      for (const [what, make] of ODD_INPUTS) {
        const result = await dispatch(services.handlers, channel, make());
        expect(result, `${channel}: ${what}`).toMatchObject({ ok: false });
        expectContained(result);
      }
      for (const input of megabytesInEveryField(channel)) {
        const field = Object.keys(input as object)[0] ?? '';
        const result = await dispatch(services.handlers, channel, input);
        // A field that is read and dropped (a search query) is cut instead of refused.
        const cut = contract[channel].transientText.includes(field);
        expect(result, `${channel}: ${field}`).toMatchObject({ ok: cut });
        expectContained(result);
      }
    }
  });

  it('answers odd channel names without echoing them', async () => {
    const { handlers } = testServices();
    const sneaky = {
      toString() {
        throw new Error('toString exploded');
      },
    };
    for (const channel of [MEGABYTES, Symbol('x'), sneaky, null, 42]) {
      const result = await dispatch(handlers, channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expectContained(result);
    }
  });

  it('keeps a handler error or a failing logger inside the envelope, with a bounded message', async () => {
    const { handlers } = testServices();
    const broken = {
      ...handlers,
      'app:info': () => {
        throw new Error(MEGABYTES);
      },
    };
    const result = await dispatch(broken, 'app:info', {}, () => {
      throw new Error('the logger failed too');
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expectContained(result);
  });
});
