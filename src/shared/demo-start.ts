/**
 * The steps of starting the demo workspace's built-in central, in order, as the desk reports
 * them to the first-run screen. `unpack` is the prepared copy of an installed and seeded central
 * that the build ships; without it the central is created, installed and seeded on the spot.
 * `seed` reports customers written so far.
 */
export type DemoStartStep =
  | { step: 'start-database' }
  | { step: 'unpack' }
  | { step: 'install-schema' }
  | { step: 'seed'; done: number; total: number }
  | { step: 'duplicate-truth' }
  | { step: 'ready' };

export type DemoStartStepName = DemoStartStep['step'];
