import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../db/open';
import type { SearchFilters, SearchResults } from '../../shared/types';
import { scoreCandidate, toHit, type Candidate } from './hit-scoring';
import { phoneSearchForms } from './phone-numbers';
import {
  ftsString,
  isIndexable,
  MIN_INDEXED,
  parseSearchQuery,
  type SearchQuery,
} from './search-query';
import { charCount, foldText, foldedWords } from './text-folding';
import { TypoCorrections } from './typo-corrections';

/** Candidates ranked per query: enough for any sensible page, bounded for broad queries. */
const CANDIDATES = 200;
const SHORT_QUERY_HINT = `Type at least ${MIN_INDEXED} letters or digits to find part of a word.`;

interface AddressRow {
  customer_id: number;
  line1: string;
  line2: string | null;
  postcode: string | null;
  city: string;
  country: string;
}

interface CustomerRow {
  customer_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  tags: string;
  merged_into: number | null;
  restricted: number;
}

const CUSTOMER_COLUMNS =
  'c.customer_id, c.name, c.email, c.phone, c.status, c.tags, c.merged_into, c.restricted';
const FILTERS = `(:statusCount = 0 OR c.status IN (SELECT value FROM json_each(:statuses)))
  AND (:tagCount = 0 OR EXISTS (SELECT 1 FROM json_each(c.tags) t
                                WHERE t.value IN (SELECT value FROM json_each(:tags))))
  AND (:openCase = 0 OR EXISTS (SELECT 1 FROM case_subjects cs
                                WHERE cs.customer_id = c.customer_id AND cs.open = 1))`;

/**
 * Search over the replica: exact identifiers (customer and order numbers), then the trigram index
 * for substrings of names, emails, phone digits and addresses (the word index for two-character
 * words, too short for trigrams), and when that finds too little, again with each longer word
 * widened to its close neighbours in the vocabulary (typos). Candidates are ranked in JavaScript
 * (see hit-scoring), where the reasons are explainable.
 */
export class SearchEngine {
  private readonly matchDocuments: Statement;
  private readonly matchWords: Statement;
  private readonly customerById: Statement;
  private readonly customersByEmail: Statement;
  private readonly orderOwner: Statement;
  private readonly addressesOf: Statement;
  private readonly typos: TypoCorrections;

  constructor(db: SqliteDatabase) {
    this.matchDocuments = db.prepare(
      `SELECT ${CUSTOMER_COLUMNS}
       FROM (SELECT rowid AS id FROM search_documents WHERE search_documents MATCH :match) m
       JOIN customers c ON c.customer_id = m.id
       WHERE ${FILTERS} LIMIT :limit`,
    );
    this.matchWords = db.prepare(
      `SELECT ${CUSTOMER_COLUMNS}
       FROM (SELECT rowid AS id FROM search_words WHERE search_words MATCH :match) m
       JOIN customers c ON c.customer_id = m.id
       WHERE ${FILTERS} LIMIT :limit`,
    );
    this.customerById = db.prepare(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.customer_id = :id AND ${FILTERS}`,
    );
    // The replica's lower(email) index: a whole address is found without reading the trigram
    // lists of "@example.com", which every document shares.
    this.customersByEmail = db.prepare(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c
       WHERE lower(c.email) = lower(:email) AND ${FILTERS}`,
    );
    this.orderOwner = db.prepare('SELECT customer_id FROM orders WHERE order_id = ?').pluck();
    this.addressesOf = db.prepare(
      `SELECT customer_id, line1, line2, postcode, city, country FROM addresses
       WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, address_id`,
    );
    this.typos = new TypoCorrections(db);
  }

  search(text: string, filters: SearchFilters, limit = 50): SearchResults {
    const query = parseSearchQuery(text);
    if (query.kind === 'empty') return { hits: [], more: false, corrections: [], hint: null };
    const filterParams = {
      statusCount: filters.statuses.length,
      statuses: JSON.stringify(filters.statuses),
      tagCount: filters.tags.length,
      tags: JSON.stringify(filters.tags),
      openCase: filters.hasOpenCase ? 1 : 0,
    };
    const found = new Map<number, { row: CustomerRow; how: Partial<Candidate> }>();
    const add = (row: CustomerRow, how: Partial<Candidate>) => {
      if (!found.has(row.customer_id)) found.set(row.customer_id, { row, how });
    };

    if (query.number !== null) {
      const customer = this.customerById.get({ id: query.number, ...filterParams }) as
        CustomerRow | undefined;
      if (customer) add(customer, { byNumber: true });
      const owner = this.orderOwner.get(query.number) as number | null | undefined;
      if (typeof owner === 'number') {
        const buyer = this.customerById.get({ id: owner, ...filterParams }) as
          CustomerRow | undefined;
        if (buyer) add(buyer, { byNumber: true, matchedOrderId: query.number });
      }
    }

    if (query.kind === 'email') {
      const owners = this.customersByEmail.all({
        email: query.typed,
        ...filterParams,
      }) as CustomerRow[];
      for (const row of owners) add(row, {});
    }

    const exact = found.size > 0 && query.kind === 'email' ? null : exactExpression(query);
    // Two-character words ("王芳", "Li Na") are looked up whole in the word index; when a longer
    // word leads the search instead, they, like single characters, must appear in what it finds.
    const wholeWords = exact === null && query.kind === 'text' ? pairExpression(query) : null;
    const shortWords = query.kind === 'text' ? query.words.filter((w) => !isIndexable(w)) : [];
    if (exact === null && wholeWords === null && found.size === 0) {
      return { hits: [], more: false, corrections: [], hint: SHORT_QUERY_HINT };
    }
    let more = false;
    if (exact !== null) {
      const rows = this.match(this.matchDocuments, exact, filterParams);
      more = rows.length >= CANDIDATES;
      for (const row of rows) add(row, {});
      // Substrings of a common word fill the candidates in index order, and the records holding
      // the typed words whole could be left out: a page of them is read from the word index too.
      if (more && query.kind === 'text') {
        const whole = query.words.map(ftsString).join(' AND ');
        for (const row of this.match(this.matchWords, whole, filterParams, limit)) add(row, {});
      }
    }
    if (wholeWords !== null) {
      const rows = this.match(this.matchWords, wholeWords, filterParams);
      more = rows.length >= CANDIDATES;
      for (const row of rows) add(row, {});
    }

    const corrections = new Map<string, string[]>();
    if (query.kind === 'text' && found.size < limit) {
      // Split as the vocabulary is ("o'brien" is "o" and "brien"), so a slip in either part heals.
      const parts = query.words.flatMap(foldedWords);
      for (const part of parts) {
        const neighbours = this.typos.correctionsFor(part);
        if (neighbours.length > 0) corrections.set(part, neighbours);
      }
      if (corrections.size > 0) {
        // Over whole words: each part as typed (as a word prefix) or one of its corrections.
        const widened = parts
          .filter(isIndexable)
          .map(
            (w) =>
              `(${[`${ftsString(w)}*`, ...(corrections.get(w) ?? []).map(ftsString)].join(' OR ')})`,
          )
          .join(' AND ');
        const rows = this.match(this.matchWords, widened, filterParams);
        for (const row of rows) add(row, { approximate: true });
      }
    }

    const ranked = this.toCandidates([...found.values()], query.phoneDigits.length > 0)
      .filter((c) => shortWords.every((w) => mentions(c, w)))
      // An email query is searched by its local part; the rest must be in the address too.
      .filter((c) => query.kind !== 'email' || foldText(c.email ?? '').includes(query.folded))
      .map((c) => ({ candidate: c, score: scoreCandidate(c, query, corrections) }))
      .sort((a, b) => b.score - a.score || a.candidate.customerId - b.candidate.customerId);
    return {
      hits: ranked
        .slice(0, limit)
        .map(({ candidate, score }) => toHit(candidate, query, corrections, score)),
      more: more || ranked.length > limit,
      corrections: [...corrections].flatMap(([word, replacements]) =>
        replacements.map((replacement) => ({ word, replacement })),
      ),
      hint: wholeWords !== null && ranked.length === 0 ? SHORT_QUERY_HINT : null,
    };
  }

  private match(
    statement: Statement,
    expression: string,
    filterParams: Record<string, unknown>,
    limit = CANDIDATES,
  ): CustomerRow[] {
    return statement.all({ match: expression, limit, ...filterParams }) as CustomerRow[];
  }

  /**
   * Candidates with their addresses, read in one statement for all of them; phone forms (a parse
   * each) only when the query is a number.
   */
  private toCandidates(
    found: { row: CustomerRow; how: Partial<Candidate> }[],
    withPhoneForms: boolean,
  ): Candidate[] {
    const byCustomer = new Map<number, AddressRow[]>();
    const rows = this.addressesOf.all(JSON.stringify(found.map((f) => f.row.customer_id)));
    for (const address of rows as AddressRow[]) {
      const list = byCustomer.get(address.customer_id) ?? [];
      list.push(address);
      byCustomer.set(address.customer_id, list);
    }
    return found.map(({ row, how }) => ({
      ...this.toCandidate(row, byCustomer.get(row.customer_id) ?? [], withPhoneForms),
      ...how,
    }));
  }

  private toCandidate(
    row: CustomerRow,
    addresses: AddressRow[],
    withPhoneForms: boolean,
  ): Candidate {
    return {
      customerId: row.customer_id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      status: row.status,
      tags: row.tags,
      mergedInto: row.merged_into,
      restricted: row.restricted,
      addresses: addresses.map((a) =>
        [a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(' ')]
          .filter(Boolean)
          .join(', '),
      ),
      phoneForms:
        withPhoneForms && row.phone
          ? phoneSearchForms(row.phone, addresses[0]?.country ?? null)
          : [],
      byNumber: false,
      matchedOrderId: null,
      approximate: false,
    };
  }
}

/**
 * The FTS5 expression for the query as typed: each indexable word a quoted string, all required
 * (in any column); email and phone queries restricted to their column. Null when nothing in the
 * query is long enough for the trigram index.
 */
function exactExpression(query: SearchQuery): string | null {
  if (query.kind === 'number' || query.kind === 'phone') {
    if (query.phoneDigits.length === 0) return null;
    return `phone : (${query.phoneDigits.map(ftsString).join(' OR ')})`;
  }
  if (query.kind === 'email') {
    const local = query.folded.split('@')[0] ?? '';
    const searched = isIndexable(local) ? local : query.folded;
    return isIndexable(searched) ? `email : ${ftsString(searched)}` : null;
  }
  const words = query.words.filter(isIndexable);
  return words.length === 0 ? null : words.map(ftsString).join(' AND ');
}

/** The word-index expression for a query of two-character words (and shorter); null if none. */
function pairExpression(query: SearchQuery): string | null {
  const pairs = query.words.filter((w) => charCount(w) === 2);
  return pairs.length === 0 ? null : pairs.map(ftsString).join(' AND ');
}

function mentions(candidate: Candidate, word: string): boolean {
  return [candidate.name, candidate.email ?? '', ...candidate.addresses].some((text) =>
    foldText(text).includes(word),
  );
}
