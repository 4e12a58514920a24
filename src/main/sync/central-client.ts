import pg from 'pg';

/**
 * A PostgreSQL client whose values come back the way the replica stores them: bigint as a number
 * (ids and amounts stay far below 2^53; a larger one is refused rather than rounded) and
 * timestamps as ISO 8601 UTC text.
 */
export function createCentralClient(config: pg.ClientConfig): pg.Client {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseSafeInteger);
  types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (text: string) =>
    new Date(text).toISOString(),
  );
  return new pg.Client({ ...config, types });
}

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`A bigint outside the safe range: ${text}`);
  return value;
}
