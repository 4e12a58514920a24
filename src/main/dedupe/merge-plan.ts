import { AppError } from '../../shared/errors';
import { MAX_MERGE_RECORDS, type CandidatePair, type MergePlan } from '../../shared/dedupe';
import type { SqliteDatabase } from '../db/open';
import { compareRecords, FIELDS } from './comparison';
import { latestModel } from './dedupe-runs';
import { explainLevels, scoreLevels, type MatchModel } from './match-model';
import { NameCounts } from './name-counts';
import { consentRows, latestConsents, loadUnmergedCustomers, recordView } from './merge-records';
import { FeatureTable } from './record-features';
import { readSources } from './record-reader';
import { consentOutcomes, defaultFieldSources, defaultSurvivor } from './survivorship';

/**
 * Everything the comparison screen needs for a set of records: each record side by side, every
 * pair scored and explained field by field, and the default survivor and field sources.
 */
export function buildMergePlan(db: SqliteDatabase, ids: readonly number[]): MergePlan {
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > MAX_MERGE_RECORDS) {
    throw new AppError('INVALID_INPUT', `Compare from 2 to ${MAX_MERGE_RECORDS} records at once.`);
  }
  const records = loadUnmergedCustomers(db, unique).map((row) => recordView(db, row));
  const latest = new Map(unique.map((id) => [id, latestConsents(db, id)]));
  const all = new Map(unique.map((id) => [id, consentRows(db, id)]));
  return {
    records,
    pairs: scorePairs(db, unique, latestModel(db)),
    survivorId: defaultSurvivor(records),
    fields: defaultFieldSources(records),
    consents: consentOutcomes(latest, all),
    tags: [...new Set(records.flatMap((r) => r.tags))].sort(),
    restricted: records.some((r) => r.restricted),
  };
}

/** Every pair among the records, compared now (records may have changed since the check). */
function scorePairs(
  db: SqliteDatabase,
  ids: readonly number[],
  model: MatchModel | null,
): CandidatePair[] {
  if (!model) return [];
  const sources = readSources(db, ids);
  const table = new FeatureTable(sources.length);
  for (const source of sources) table.add(source);
  const names = NameCounts.load(db, model.records);
  const levels = new Uint8Array(FIELDS.length);
  const pairs: CandidatePair[] = [];
  for (let i = 0; i < table.size; i++) {
    for (let j = i + 1; j < table.size; j++) {
      compareRecords(table, i, j, levels);
      const shares = names.sharesOf(table, i, j, levels);
      const score = scoreLevels(model, [...levels], shares);
      pairs.push({
        a: table.customerIds[i] ?? 0,
        b: table.customerIds[j] ?? 0,
        probability: score.probability,
        weight: score.weight,
        evidence: explainLevels(model, [...levels], shares),
        guard: score.guard?.reason ?? null,
      });
    }
  }
  return pairs.sort((x, y) => y.probability - x.probability);
}
