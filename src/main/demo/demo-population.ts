/** Size of the demo population: enough for every screen to have data, small enough to seed in seconds. */
export const DEMO_CUSTOMERS = 3000;
/** The generator's seed: every demo workspace holds the same synthetic people. */
export const DEMO_SEED = 20261122;
