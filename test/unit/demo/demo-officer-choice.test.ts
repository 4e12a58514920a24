import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { testServices } from '../../support/workspace';

describe('choosing the demo officer', () => {
  it('is offered only in a demo workspace, and refuses a login that is not a demo officer', async () => {
    const plain = testServices();
    await plain.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    expect(await dispatch(plain.handlers, 'demo:officers', {})).toEqual({
      ok: true,
      value: { demo: null },
    });
    expect(
      await dispatch(plain.handlers, 'demo:choose-officer', { login: 'demo_sam' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Only a demo workspace has demo officers to choose from.',
      },
    });

    const demo = testServices();
    await demo.handlers['workspace:create']({ name: 'Demo', keyMode: 'keychain', demo: true });
    expect(
      await dispatch(demo.handlers, 'demo:choose-officer', { login: 'postgres' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'postgres is not a demo officer.' },
    });
    // The choice is kept on the desk, reconnects the sync as that login, and is audited.
    const chosen = await dispatch(demo.handlers, 'demo:choose-officer', { login: 'demo_sam' });
    expect(chosen).toMatchObject({ ok: true, value: { current: 'demo_sam' } });
    expect(demo.sync.overview().connection?.user).toBe('demo_sam');
    const audit = await demo.workspace.requireOpen().audit.list({ limit: 5 });
    expect(audit.map((e) => e.action)).toContain('demo.officer-chosen');
    await demo.workspace.lock('officer');
  });
});
