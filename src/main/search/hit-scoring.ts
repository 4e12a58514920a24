import type { SearchField, SearchHit } from '../../shared/types';
import { joinedCjkName } from './cjk-pairs';
import { exactness } from './exact-matches';
import { highlightDigits, highlightText } from './highlight';
import type { SearchQuery } from './search-query';
import { jaroWinkler } from './string-similarity';
import { foldText, foldedWords } from './text-folding';

export interface Candidate {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  tags: string;
  mergedInto: number | null;
  restricted: number;
  addresses: string[];
  /** The phone's indexed digit forms (international, national, as stored). */
  phoneForms: string[];
  /** How it was found. */
  byNumber: boolean;
  matchedOrderId: number | null;
  approximate: boolean;
}

/**
 * Orders candidates the way an officer reads them: the exact identifier first (number, whole
 * email, whole phone), then the record whose name is exactly what was typed, then names holding
 * every typed word whole, then records holding every typed word whole (in email or address), then
 * names by how well each typed word matches a name word, then email and addresses. Typo-corrected
 * matches rank below exact ones of equal strength.
 */
export function scoreCandidate(
  candidate: Candidate,
  query: SearchQuery,
  corrections: ReadonlyMap<string, string[]>,
): number {
  let score = 0;
  if (candidate.byNumber) score += candidate.matchedOrderId === null ? 1000 : 900;
  const email = candidate.email ? foldText(candidate.email) : '';
  if (query.kind === 'email' && email) {
    if (email === query.folded) score += 500;
    else if (email.includes(query.folded)) score += 150;
  }
  const phoneHit = query.phoneDigits.filter((d) => candidate.phoneForms.some((f) => f.includes(d)));
  if (phoneHit.length > 0) {
    const whole = phoneHit.some((d) => candidate.phoneForms.includes(d));
    score += whole ? 400 : 100;
  }
  if (query.kind === 'text' || query.kind === 'email') {
    const typed = query.words.flatMap(foldedWords);
    const nameWords = foldedWords(candidate.name);
    const joined = joinedCjkName(nameWords);
    // "佐藤花子" is the name "佐藤 花子" typed without its space.
    const nameTerms = joined === null ? nameWords : [...nameWords, joined];
    const emailWords = foldedWords(email.split('@')[0] ?? '');
    const addressWords = candidate.addresses.flatMap(foldedWords);
    score += exactness(
      typed,
      nameWords,
      [...nameTerms, ...emailWords, ...addressWords],
      corrections,
    );
    score += 200 * wordMatch(typed, nameTerms, corrections);
    score += 60 * wordMatch(typed, emailWords, corrections);
    score += 40 * wordMatch(typed, addressWords, corrections);
  }
  if (!candidate.approximate) score += 50;
  // Merged-away records still answer a search (every record of the person), below live ones.
  if (candidate.mergedInto !== null) score -= 25;
  return Math.round(score * 10) / 10;
}

/** Mean over the typed words of their best match among the field's words, in [0, 1]. */
function wordMatch(
  typed: readonly string[],
  fieldWords: readonly string[],
  corrections: ReadonlyMap<string, string[]>,
): number {
  if (typed.length === 0 || fieldWords.length === 0) return 0;
  let total = 0;
  for (const word of typed) {
    let best = 0;
    for (const candidate of fieldWords) {
      if (candidate === word) best = 1;
      else if (candidate.startsWith(word)) best = Math.max(best, 0.85);
      else if (candidate.includes(word)) best = Math.max(best, 0.6);
      else if (corrections.get(word)?.includes(candidate)) best = Math.max(best, 0.75);
      else if (word.length >= 4) {
        const similarity = jaroWinkler(word, candidate);
        if (similarity >= 0.85) best = Math.max(best, similarity * 0.6);
      }
      if (best === 1) break;
    }
    total += best;
  }
  return total / typed.length;
}

export function toHit(
  candidate: Candidate,
  query: SearchQuery,
  corrections: ReadonlyMap<string, string[]>,
  score: number,
): SearchHit {
  const needles =
    query.kind === 'text'
      ? // The whole query too, so "NE12 6JP" or "Baker Street" is marked as one span.
        [query.folded, ...query.words, ...[...corrections.values()].flat()]
      : query.kind === 'email'
        ? [query.folded]
        : [];
  const address =
    candidate.addresses.find((a) => highlightText(a, needles).length > 0) ??
    candidate.addresses[0] ??
    null;
  const highlights: Partial<Record<SearchField, [number, number][]>> = {};
  const put = (field: SearchField, ranges: [number, number][]) => {
    if (ranges.length > 0) highlights[field] = ranges;
  };
  put('name', highlightText(candidate.name, needles));
  if (candidate.email) put('email', highlightText(candidate.email, needles));
  if (candidate.phone) {
    const whole = query.phoneDigits.some((d) => candidate.phoneForms.includes(d));
    put(
      'phone',
      whole
        ? [[0, candidate.phone.length]]
        : highlightDigits(candidate.phone, [
            ...query.phoneDigits,
            // A national fragment ("020 ...") against a number stored internationally.
            ...query.phoneDigits.map((d) => d.replace(/^0+/, '')),
          ]),
    );
  }
  if (address) put('address', highlightText(address, needles));
  return {
    customerId: candidate.customerId,
    name: candidate.name,
    email: candidate.email,
    phone: candidate.phone,
    address,
    status: candidate.status,
    tags: parseTagList(candidate.tags),
    mergedInto: candidate.mergedInto,
    restricted: candidate.restricted === 1,
    matchedOrderId: candidate.matchedOrderId,
    approximate: candidate.approximate,
    score,
    highlights,
  };
}

function parseTagList(tags: string): string[] {
  const parsed = JSON.parse(tags) as unknown;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}
