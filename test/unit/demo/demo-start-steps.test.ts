import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, DemoHost, type DemoStartStep } from '../../../src/main/demo/demo-host';

describe('demo central start', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reports each step as it begins, seeding counted up to the whole population, and only the first time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reflect-demo-steps-'));
    dirs.push(dir);
    const first: DemoStartStep[] = [];
    const host = new DemoHost(dir);
    await host.start((step) => first.push(step));
    await host.stop();

    const names = first.map((s) => s.step).filter((s, i, all) => s !== all[i - 1]);
    expect(names).toEqual(['start-database', 'install-schema', 'seed', 'duplicate-truth', 'ready']);
    const seeded = first.flatMap((s) => (s.step === 'seed' ? [s.done] : []));
    expect(seeded[0]).toBe(0);
    expect(seeded.at(-1)).toBe(DEMO_CUSTOMERS);
    expect(seeded).toEqual([...seeded].sort((a, b) => a - b));

    // The next unlock finds the central installed and seeded: nothing is seeded again.
    const second: DemoStartStep[] = [];
    const again = new DemoHost(dir);
    await again.start((step) => second.push(step));
    await again.stop();
    expect(second.map((s) => s.step)).toEqual(['start-database', 'install-schema', 'ready']);
  }, 120_000);
});
