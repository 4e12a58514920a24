import type { SimilarRecord } from '../../shared/types';
import type { SqliteDatabase } from '../db/open';
import { levelsOf } from './comparison';
import type { MatchModel } from './match-model';
import { explainLevels } from './match-model';

/**
 * The duplicate candidates of one record from the last check, strongest first, with what agreed:
 * what the profile lists as "possibly the same person" once records have been checked.
 */
export function candidatesOf(
  db: SqliteDatabase,
  customerId: number,
  model: MatchModel,
): SimilarRecord[] {
  const rows = db
    .prepare(
      `SELECT c.customer_id, c.name, c.email, c.phone, p.probability, p.pattern,
         p.given_share, p.family_share
       FROM dedupe_candidates p
       JOIN customers c ON c.customer_id = CASE WHEN p.a = ? THEN p.b ELSE p.a END
       WHERE (p.a = ? OR p.b = ?) AND c.merged_into IS NULL
         AND NOT EXISTS (SELECT 1 FROM dedupe_decisions d WHERE d.a = p.a AND d.b = p.b)
       ORDER BY p.probability DESC, c.customer_id LIMIT 10`,
    )
    .all(customerId, customerId, customerId) as {
    customer_id: number;
    name: string;
    email: string | null;
    phone: string | null;
    probability: number;
    pattern: number;
    given_share: number | null;
    family_share: number | null;
  }[];
  return rows.map((r) => ({
    customerId: r.customer_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    score: Math.round(r.probability * 100) / 100,
    reasons: explainLevels(model, levelsOf(r.pattern), {
      given: r.given_share,
      family: r.family_share,
    })
      .filter((e) => e.weight > 0)
      .map((e) => e.label),
  }));
}
