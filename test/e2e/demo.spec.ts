import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoStartStep } from '../../src/shared/demo-start';
import { demoAccessCase, openedDemo } from './demo-desk';
import { expect, test } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { SyncPage } from './pages/sync-page';
import { dialogThemes, screenshotThemes } from './screenshots';

/** Each step once, in the order sent (seeding reports many counts). */
function stepNames(steps: DemoStartStep[]): string[] {
  return steps.map((s) => s.step).filter((s, i, all) => s !== all[i - 1]);
}

test('the demo workspace opens with a central database full of synthetic customers', async ({
  desk,
}) => {
  test.setTimeout(120_000);
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);
  const recorded = await firstRun.recordDemoProgress();
  await firstRun.tryDemo();
  const shell = new ShellPage(desk.page);
  await expect(shell.workspaceName()).toBeVisible({ timeout: 60_000 });
  // The start said what it did while it ran: here from the copy the build prepared.
  const { sent, shown } = await recorded();
  expect(stepNames(sent)).toEqual(['start-database', 'unpack', 'install-schema', 'ready']);
  expect(shown[0]).toContain('Creating the encrypted workspace');

  await shell.open('Sync');
  const sync = new SyncPage(desk.page);
  await expect(sync.status()).toContainText('demo_alex@127.0.0.1');
  await sync.syncNow();
  await expect
    .poll(
      () =>
        desk.services.workspace
          .requireOpen()
          .replica.raw.prepare('SELECT count(*) FROM customers')
          .pluck()
          .get(),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(1000);
  // The customers arrive before the sync ends (the search index is built after them).
  await expect(sync.status()).toContainText('Up to date', { timeout: 60_000 });
});

test('in the demo, one officer prepares a case and the other approves it, then the package is written', async ({
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = await openedDemo(desk);

  // Alex (the first officer) prepares an access request and proposes its package.
  const { subject, created } = demoAccessCase(desk);
  let c = created;
  const act = (a: Parameters<typeof desk.services.cases.act>[2]) => {
    c = desk.services.cases.act(c.caseId, c.version, a);
  };
  act({ action: 'transition', to: 'verifying_identity', reason: null });
  act({ action: 'verify', method: 'identity_document', evidence: 'passport seen on a video call' });
  act({ action: 'transition', to: 'in_progress', reason: null });
  act({ action: 'transition', to: 'awaiting_approval', reason: 'package ready for review' });
  await desk.services.sync.run();
  await desk.services.exports.propose(c.caseId, []);

  // Sam approves it: chosen in Settings, the desk reconnects as Sam's login.
  await shell.open('Settings');
  const officers = desk.page.getByRole('region', { name: 'Demo officers' });
  await expect(officers).toContainText('This desk works as Alex Meyer, central login demo_alex.');
  await officers.getByText('Sam Okafor (approves)').click();
  await expect(officers).toContainText('This desk works as Sam Okafor, central login demo_sam.');
  await expect(desk.page.getByRole('textbox', { name: 'User' })).toHaveValue('demo_sam');
  await screenshotThemes(desk, testInfo, 'demo-officers', officers);
  await desk.services.sync.run();

  await shell.open('Cases');
  const cases = new CasesPage(desk.page);
  await cases.openRow(subject.name);
  await cases.button('Open the package proposed').click();
  await cases.button('Approve this package').click();
  await expect(cases.approval()).toContainText('approved by Sam Okafor');
  await desk.services.sync.run();

  // Back as Alex, the package approved centrally is written.
  await shell.open('Settings');
  await officers.getByText('Alex Meyer (prepares)').click();
  await expect(officers).toContainText('central login demo_alex');
  await desk.services.sync.run();
  const written = await desk.services.exports.create(
    { caseId: c.caseId, formats: ['json'], container: 'folder', password: null, redactions: [] },
    { path: join(mkdtempSync(join(tmpdir(), 'reflect-demo-')), 'package'), overwrite: false },
  );
  expect(written.exportId).toBeTruthy();
});

test.describe('a first start without the prepared copy', () => {
  test.use({ demoSnapshot: false });

  test('shows each step while the built-in central is created and seeded, then the first sync on Today', async ({
    desk,
  }, testInfo) => {
    test.setTimeout(180_000);
    await desk.open();
    const firstRun = new FirstRunPage(desk.page);
    const recorded = await firstRun.recordDemoProgress();
    await firstRun.tryDemo();
    const progress = firstRun.demoProgress();
    // Pictures while it runs, when the test's process gets to take them before the start ends.
    if (await progress.isVisible()) await dialogThemes(desk, testInfo, 'demo-first-start');

    const shell = new ShellPage(desk.page);
    await expect(shell.workspaceName()).toBeVisible({ timeout: 60_000 });
    const { sent, shown } = await recorded();
    expect(stepNames(sent)).toEqual([
      'start-database',
      'install-schema',
      'seed',
      'duplicate-truth',
      'ready',
    ]);
    // Seeding counts up to the whole population.
    const counts = sent.flatMap((step) => (step.step === 'seed' ? [step.done] : []));
    expect(counts.at(-1)).toBe(3000);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // The list drew the workspace step first and the central's steps after it.
    expect(shown[0]).toContain('Creating the encrypted workspace');
    expect(shown.at(-1)).toMatch(/Starting the built-in central database/);

    const sync = desk.services.sync.run();
    const firstSync = desk.page.getByRole('region', { name: 'First sync' });
    await expect(firstSync).toContainText('copying the central database', { timeout: 30_000 });
    // One picture while it runs (it takes a second or two), then both themes at both sizes.
    await desk.page.screenshot({ path: testInfo.outputPath('demo-first-sync-running.png') });
    await sync;
    await screenshotThemes(desk, testInfo, 'demo-first-sync-done');
    await expect(firstSync).toBeHidden();
  });
});
