import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { chainStart } from './chain-anchor';

const PAGE = 1000;

export interface CentralComparison {
  /** Entries found on both sides with the same hash. */
  matching: number;
  /** The first entry where the desk and central disagree, or null. */
  difference: { seq: number; reason: string } | null;
}

/**
 * Compares this desk's chain with the hashes central holds for it, in sequence order, and names
 * the first entry where they part: held with another hash, held centrally but missing here, or
 * marked sent here but absent centrally. Entries not yet sent are not a difference.
 */
export async function compareWithCentral(
  central: pg.ClientBase,
  db: SqliteDatabase,
  deskId: string,
): Promise<CentralComparison> {
  const local = db.prepare(
    'SELECT seq, hash, pushed_at FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const centralPage = async (after: number) =>
    (
      await central.query<{ desk_seq: number; desk_hash: string }>(
        'SELECT desk_seq, desk_hash FROM reflect.desk_audit_hashes($1, $2, $3)',
        [deskId, after, PAGE],
      )
    ).rows;
  let matching = 0;
  // After a replica reset the local chain starts past entries central holds; the entry it
  // continues from must be the one central holds under that number.
  const start = chainStart(db);
  let after = start?.seq ?? 0;
  if (start && start.seq > 0) {
    const anchor = (await centralPage(start.seq - 1))[0];
    if (anchor && anchor.desk_seq === start.seq && anchor.desk_hash !== start.hash) {
      return {
        matching,
        difference: {
          seq: start.seq,
          reason: `this replica continues from entry #${start.seq}, which central holds with another hash`,
        },
      };
    }
  }
  for (;;) {
    const mine = local.all(after, PAGE) as {
      seq: number;
      hash: string;
      pushed_at: string | null;
    }[];
    const page = await centralPage(after);
    const theirs = new Map(page.map((r) => [r.desk_seq, r.desk_hash] as const));
    // Beyond a full central page, central may still hold an entry on its next page.
    const centralCovers = (seq: number) =>
      page.length < PAGE || seq <= Math.max(after, ...theirs.keys());
    for (const entry of mine) {
      const held = theirs.get(entry.seq);
      if (held !== undefined) {
        if (held !== entry.hash) {
          return {
            matching,
            difference: { seq: entry.seq, reason: `central holds a different entry #${entry.seq}` },
          };
        }
        theirs.delete(entry.seq);
        matching += 1;
      } else if (entry.pushed_at !== null && centralCovers(entry.seq)) {
        return {
          matching,
          difference: {
            seq: entry.seq,
            reason: `entry #${entry.seq} was sent, but central does not hold it`,
          },
        };
      }
    }
    const lastMine = mine.at(-1)?.seq ?? after;
    const orphan = [...theirs.keys()].find((seq) => seq <= lastMine || mine.length < PAGE);
    if (orphan !== undefined) {
      return {
        matching,
        difference: {
          seq: orphan,
          reason: `central holds entry #${orphan}, which this desk's chain does not have`,
        },
      };
    }
    if (mine.length < PAGE) break;
    after = mine.at(-1)?.seq ?? after;
  }
  return { matching, difference: null };
}
