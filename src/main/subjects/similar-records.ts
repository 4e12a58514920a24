import type { SqliteDatabase } from '../db/open';
import type { SimilarRecord, SubjectCustomer } from '../../shared/types';
import { phoneSearchForms } from '../search/phone-numbers';
import { ftsString, MIN_INDEXED } from '../search/search-query';
import { jaroWinkler } from '../search/string-similarity';
import { foldText, foldedWords } from '../search/text-folding';
import { homeCountry } from './home-country';

const CANDIDATES_PER_KEY = 50;
const SHOWN = 10;
const THRESHOLD = 0.3;

/**
 * Records that may belong to the same person, found through the search index by the identifiers
 * people share (email, phone number, name words in any order) and scored on what agrees.
 */
export function findSimilarRecords(db: SqliteDatabase, subject: SubjectCustomer): SimilarRecord[] {
  const country = homeCountry(db, subject.customerId);
  const phone = subject.phone ? (phoneSearchForms(subject.phone, country)[0] ?? null) : null;
  const nameWords = foldedWords(subject.name).filter((w) => w.length >= MIN_INDEXED);
  const keys: string[] = [];
  if (subject.email) keys.push(`email : ${ftsString(foldText(subject.email))}`);
  if (phone) keys.push(`phone : ${ftsString(phone)}`);
  if (nameWords.length > 0) keys.push(`name : (${nameWords.map(ftsString).join(' AND ')})`);

  const match = db
    .prepare(
      `SELECT rowid FROM search_documents WHERE search_documents MATCH ? LIMIT ${CANDIDATES_PER_KEY}`,
    )
    .pluck();
  const ids = new Set<number>();
  for (const key of keys) for (const id of match.all(key) as number[]) ids.add(id);
  ids.delete(subject.customerId);

  const load = db.prepare(
    'SELECT customer_id, name, email, phone, merged_into FROM customers WHERE customer_id = ?',
  );
  const postcodesOf = db
    .prepare(
      'SELECT DISTINCT postcode FROM addresses WHERE customer_id = ? AND postcode IS NOT NULL',
    )
    .pluck();
  const subjectPostcodes = new Set(postcodesOf.all(subject.customerId) as string[]);
  const subjectName = foldedWords(subject.name).sort().join(' ');

  const similar: SimilarRecord[] = [];
  for (const id of ids) {
    const other = load.get(id) as
      | {
          customer_id: number;
          name: string;
          email: string | null;
          phone: string | null;
          merged_into: number | null;
        }
      | undefined;
    if (!other || other.merged_into !== null) continue;
    let score = 0;
    const reasons: string[] = [];
    if (subject.email && other.email && foldText(subject.email) === foldText(other.email)) {
      score += 0.45;
      reasons.push('same email address');
    }
    if (phone && other.phone) {
      const otherForms = phoneSearchForms(other.phone, homeCountry(db, id));
      if (otherForms.includes(phone)) {
        score += 0.3;
        reasons.push('same phone number');
      }
    }
    const nameSimilarity = jaroWinkler(subjectName, foldedWords(other.name).sort().join(' '));
    if (nameSimilarity >= 0.85) {
      score += 0.3 * nameSimilarity;
      reasons.push(`similar name (${nameSimilarity.toFixed(2)})`);
    }
    if ((postcodesOf.all(id) as string[]).some((p) => subjectPostcodes.has(p))) {
      score += 0.15;
      reasons.push('same postcode');
    }
    if (score < THRESHOLD) continue;
    similar.push({
      customerId: other.customer_id,
      name: other.name,
      email: other.email,
      phone: other.phone,
      score: Math.min(1, Math.round(score * 100) / 100),
      reasons,
    });
  }
  return similar.sort((a, b) => b.score - a.score || a.customerId - b.customerId).slice(0, SHOWN);
}
