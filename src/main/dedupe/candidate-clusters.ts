import type { ClusterPage, ClusterSummary, DedupeBand } from '../../shared/dedupe';
import type { SqliteDatabase } from '../db/open';
import { levelsOf } from './comparison';
import { changedSinceRun, lastRun, latestModel } from './dedupe-runs';
import { explainLevels, guardOf, LIKELY } from './match-model';

export interface ClusterFilter {
  band?: DedupeBand | 'all';
  /** Only clusters of at least this many records. */
  minSize?: number;
  /** Only clusters where a member's name or email contains this text. */
  text?: string;
  offset?: number;
  limit?: number;
}

interface PairRow {
  a: number;
  b: number;
  probability: number;
  pattern: number;
  given_share: number | null;
  family_share: number | null;
}

interface Group {
  ids: Set<number>;
  best: PairRow;
}

/**
 * The grouped clusters of each connection, kept until anything changes the database: paging and
 * filtering the review list then cost no more than a slice. SQLite's data_version moves when
 * another connection (the check's worker, sync) commits; total_changes when this one writes.
 */
const cache = new WeakMap<SqliteDatabase, { stamp: string; groups: Map<number, Group> }>();

function groupedClusters(db: SqliteDatabase): Map<number, Group> {
  const stamp = `${String(db.pragma('data_version', { simple: true }))}:${String(
    db.prepare('SELECT total_changes()').pluck().get(),
  )}`;
  const cached = cache.get(db);
  if (cached?.stamp === stamp) return cached.groups;
  const groups = buildGroups(db);
  cache.set(db, { stamp, groups });
  return groups;
}

function buildGroups(db: SqliteDatabase): Map<number, Group> {
  const pairs = db
    .prepare(
      `SELECT p.a, p.b, p.probability, p.pattern, p.given_share, p.family_share FROM dedupe_candidates p
       JOIN customers ca ON ca.customer_id = p.a AND ca.merged_into IS NULL
       JOIN customers cb ON cb.customer_id = p.b AND cb.merged_into IS NULL
       WHERE NOT EXISTS (SELECT 1 FROM dedupe_decisions d WHERE d.a = p.a AND d.b = p.b)`,
    )
    .all() as PairRow[];
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root)
      root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, Group>();
  for (const pair of pairs) {
    const root = find(pair.a);
    const group = groups.get(root);
    if (!group) groups.set(root, { ids: new Set([pair.a, pair.b]), best: pair });
    else {
      group.ids.add(pair.a);
      group.ids.add(pair.b);
      if (pair.probability > group.best.probability) group.best = pair;
    }
  }
  return groups;
}

/**
 * Candidate pairs joined into clusters (records linked through any chain of candidate pairs),
 * leaving out pairs an officer said are different people and records merged since. Sorted by
 * their strongest pair. A cluster is as strong as its strongest pair, and its band follows.
 */
export function listClusters(db: SqliteDatabase, filter: ClusterFilter = {}): ClusterPage {
  const groups = groupedClusters(db);
  const model = latestModel(db);
  const member = db.prepare(
    'SELECT customer_id, name, email, phone FROM customers WHERE customer_id = ?',
  );
  const text = filter.text?.trim().toLowerCase() ?? '';
  const band = filter.band ?? 'all';
  const membersOf = (ids: Iterable<number>) =>
    [...ids]
      .sort((x, y) => x - y)
      .map((id) => {
        const row = member.get(id) as {
          customer_id: number;
          name: string;
          email: string | null;
          phone: string | null;
        };
        return { customerId: row.customer_id, name: row.name, email: row.email, phone: row.phone };
      });
  let chosen = [...groups]
    .map(([root, group]) => ({
      root,
      group,
      band: bandOf(group.best.probability),
    }))
    .filter((c) => (band === 'all' || c.band === band) && c.group.ids.size >= (filter.minSize ?? 2))
    .sort((x, y) => y.group.best.probability - x.group.best.probability || x.root - y.root);
  if (text) {
    // Members are read only for clusters that can be shown, except when searching by text.
    chosen = chosen.filter((c) =>
      membersOf(c.group.ids).some(
        (m) => m.name.toLowerCase().includes(text) || (m.email ?? '').toLowerCase().includes(text),
      ),
    );
  }
  const offset = filter.offset ?? 0;
  const clusters: ClusterSummary[] = chosen
    .slice(offset, offset + (filter.limit ?? 50))
    .map(({ root, group, band: clusterBand }) => ({
      clusterId: root,
      band: clusterBand,
      probability: group.best.probability,
      members: membersOf(group.ids),
      agreed: model
        ? explainLevels(model, levelsOf(group.best.pattern), {
            given: group.best.given_share,
            family: group.best.family_share,
          })
            .filter((e) => e.weight > 0)
            .map((e) => e.label)
        : [],
      guard: guardOf(levelsOf(group.best.pattern))?.reason ?? null,
    }));
  return {
    clusters,
    total: chosen.length,
    lastRun: lastRun(db),
    changedSinceRun: changedSinceRun(db),
  };
}

const bandOf = (probability: number): DedupeBand => (probability >= LIKELY ? 'likely' : 'possible');

/**
 * The records in an open cluster, by the cluster's band (as the Duplicates screen shows them),
 * each list in id order: what the duplicate rate counts.
 */
export function clusteredRecords(db: SqliteDatabase): Record<DedupeBand, number[]> {
  const bands: Record<DedupeBand, number[]> = { likely: [], possible: [] };
  for (const group of groupedClusters(db).values()) {
    bands[bandOf(group.best.probability)].push(...group.ids);
  }
  bands.likely.sort((x, y) => x - y);
  bands.possible.sort((x, y) => x - y);
  return bands;
}
