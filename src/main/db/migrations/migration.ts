import type { Kysely } from 'kysely';

/**
 * A schema step. Frozen once released: it takes `Kysely<any>` so later changes to the typed
 * `Database` interface can never change what an old migration does.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}
