import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { listClusters } from '../../../src/main/dedupe/candidate-clusters';
import { levelsOf } from '../../../src/main/dedupe/comparison';
import { latestModel } from '../../../src/main/dedupe/dedupe-runs';
import { runFullDetection, runIncrementalDetection } from '../../../src/main/dedupe/detection-job';
import { explainLevels, LIKELY, POSSIBLE } from '../../../src/main/dedupe/match-model';
import { duplicateTruth, type DuplicateKind } from '../../../src/main/demo/synthetic-data';
import type { DedupeProgress } from '../../../src/shared/dedupe';
import { measureQuality } from '../../support/dedupe-quality';
import { syntheticReplica } from '../../support/synthetic-replica';

const CUSTOMERS = 20_000;
const SEED = 11;
const now = () => new Date('2026-03-02T10:00:00Z');

describe('duplicate detection on the generator ground truth', () => {
  let raw: SqliteDatabase;
  let dispose: () => Promise<void>;
  const progress: DedupeProgress[] = [];
  const truth = duplicateTruth({ customers: CUSTOMERS, seed: SEED });

  beforeAll(async () => {
    ({ raw, dispose } = await syntheticReplica(CUSTOMERS, SEED, ['addresses']));
    runFullDetection(raw, (p) => progress.push(p), now);
    return dispose;
  }, 120_000);

  it('finds the deliberate duplicates with precision >= 0.95 and recall >= 0.90 per kind', () => {
    expect(truth.length).toBeGreaterThan(500);
    const quality = measureQuality(raw, truth, POSSIBLE);
    expect(quality.precision).toBeGreaterThanOrEqual(0.95);
    expect(quality.recall).toBeGreaterThanOrEqual(0.9);
    const kinds: DuplicateKind[] = [
      'typo',
      'swapped_name_parts',
      'reformatted_phone',
      'other_email',
      'moved_address',
    ];
    for (const kind of kinds) expect(quality.recallByKind[kind]).toBeGreaterThanOrEqual(0.9);
    // The stricter band trades recall for precision, never the other way round.
    const likely = measureQuality(raw, truth, LIKELY);
    expect(likely.precision).toBeGreaterThanOrEqual(quality.precision);
    expect(likely.predicted).toBeLessThanOrEqual(quality.predicted);
  });

  it('pages through the clusters, strongest first, and filters them by band and text', () => {
    const all = listClusters(raw, { limit: 10_000 });
    expect(all.total).toBe(all.clusters.length);
    expect(all.total).toBeGreaterThan(500);
    const first = listClusters(raw, { limit: 10 });
    const second = listClusters(raw, { limit: 10, offset: 10 });
    expect(first.total).toBe(all.total);
    expect([...first.clusters, ...second.clusters]).toEqual(all.clusters.slice(0, 20));
    const probabilities = all.clusters.map((c) => c.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    const possible = listClusters(raw, { band: 'possible', limit: 10_000 });
    expect(possible.clusters.every((c) => c.probability < LIKELY && c.band === 'possible')).toBe(
      true,
    );
    expect(possible.total + listClusters(raw, { band: 'likely', limit: 1 }).total).toBe(all.total);
    const someone = all.clusters[0]?.members[0];
    if (!someone) throw new Error('No cluster.');
    const byName = listClusters(raw, { text: someone.name.toUpperCase(), limit: 10_000 });
    expect(byName.clusters.every((c) => c.members.some((m) => m.name === someone.name))).toBe(true);
    expect(byName.clusters.map((c) => c.clusterId)).toContain(all.clusters[0]?.clusterId);
  });

  it('reports progress through every phase, ending each at its total', () => {
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['reading', 'blocking', 'comparing', 'estimating', 'saving']);
    const lastRead = progress.filter((p) => p.phase === 'reading').at(-1);
    expect(lastRead).toMatchObject({ done: CUSTOMERS, total: CUSTOMERS });
  });

  it('explains a pair field by field: a swapped name agrees on its words, not its order', () => {
    const swapped = truth.find((t) => t.kinds.length === 1 && t.kinds[0] === 'swapped_name_parts');
    if (!swapped) throw new Error('The generator made no clean swap.');
    const [a, b] = [swapped.original_id, swapped.duplicate_id].sort((x, y) => x - y);
    const row = raw
      .prepare('SELECT probability, pattern FROM dedupe_candidates WHERE a = ? AND b = ?')
      .get(a, b) as { probability: number; pattern: number };
    const model = latestModel(raw);
    if (!model) throw new Error('No model was saved.');
    const evidence = explainLevels(model, levelsOf(row.pattern));
    expect(evidence.find((e) => e.field === 'given_name')?.label).toBe(
      'same name words in another order',
    );
    expect(evidence.find((e) => e.field === 'given_name')?.weight).toBeGreaterThan(5);
    // Every field that is on both sides carries weight one way or the other.
    for (const e of evidence) if (e.level !== null) expect(e.weight).not.toBe(0);
    expect(row.probability).toBeGreaterThanOrEqual(LIKELY);
  });

  it('joins three records of one person into one cluster, and forgets pairs dismissed', () => {
    const pair = truth.find((t) => t.kinds.length === 1 && t.kinds[0] === 'typo');
    if (!pair) throw new Error('The generator made no clean typo.');
    // A third record of the same person arrives by sync: the original with a plus-tagged email.
    const original = raw
      .prepare('SELECT * FROM customers WHERE customer_id = ?')
      .get(pair.original_id) as {
      name: string;
      email: string | null;
      phone: string | null;
    };
    const third = 900_001;
    raw
      .prepare(
        `INSERT INTO customers (customer_id, name, email, phone, status, created_at, version)
       VALUES (?, ?, ?, ?, 'active', '2025-01-01T00:00:00.000Z', 1)`,
      )
      .run(third, original.name, original.email?.replace('@', '+shop@') ?? null, original.phone);
    raw
      .prepare(
        `INSERT INTO addresses (address_id, customer_id, kind, line1, city, postcode, country, created_at, version)
       SELECT 900001, ?, kind, line1, city, postcode, country, created_at, 1 FROM addresses
       WHERE customer_id = ? ORDER BY address_id LIMIT 1`,
      )
      .run(third, pair.original_id);

    const incremental = runIncrementalDetection(raw, () => undefined, now);
    expect(incremental.kind).toBe('incremental');
    expect(incremental.checked).toBe(1);
    const page = listClusters(raw, { minSize: 3, limit: 200 });
    const cluster = page.clusters.find((c) => c.members.some((m) => m.customerId === third));
    expect(cluster?.members.map((m) => m.customerId).sort((x, y) => x - y)).toEqual(
      [pair.original_id, pair.duplicate_id, third].sort((x, y) => x - y),
    );
    expect(page.changedSinceRun).toBe(0);

    // The officer says the third is someone else: its pairs leave the list; a full run keeps that.
    const [low, high] = [pair.original_id, third].sort((x, y) => x - y);
    const [low2, high2] = [pair.duplicate_id, third].sort((x, y) => x - y);
    const dismiss = raw.prepare(
      `INSERT INTO dedupe_decisions (a, b, decision, decided_by, decided_at) VALUES (?, ?, 'different', 'officer', ?)`,
    );
    dismiss.run(low, high, now().toISOString());
    dismiss.run(low2, high2, now().toISOString());
    runFullDetection(raw, () => undefined, now);
    const after = listClusters(raw, { limit: 10_000 });
    const withThird = after.clusters.find((c) => c.members.some((m) => m.customerId === third));
    expect(withThird).toBeUndefined();
    expect(
      after.clusters.some((c) => c.members.some((m) => m.customerId === pair.original_id)),
    ).toBe(true);
  });

  it('re-checks a record a sync changed: an edit that breaks the likeness drops the pair', () => {
    const pair = truth.find((t) => t.kinds.length === 1 && t.kinds[0] === 'reformatted_phone');
    if (!pair) throw new Error('The generator made no clean phone reformat.');
    const [a, b] = [pair.original_id, pair.duplicate_id].sort((x, y) => x - y);
    const stored = raw
      .prepare('SELECT count(*) FROM dedupe_candidates WHERE a = ? AND b = ?')
      .pluck();
    expect(stored.get(a, b)).toBe(1);
    raw
      .prepare(
        "UPDATE customers SET name = 'Zebedee Quartermaine', email = 'zq@example.net', phone = NULL WHERE customer_id = ?",
      )
      .run(pair.duplicate_id);
    raw
      .prepare(
        "UPDATE addresses SET line1 = '1 Nowhere Lane', postcode = 'ZZ1 1ZZ' WHERE customer_id = ?",
      )
      .run(pair.duplicate_id);
    const run = runIncrementalDetection(raw, () => undefined, now);
    expect(run.checked).toBe(1);
    expect(stored.get(a, b)).toBe(0);
  });
});
