import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { centralMigrations } from '../../../central/migrations';
import type { DemoStartStep } from '../../shared/demo-start';
import { startDemoCentral } from './demo-central';
import { prepareDemoCentral } from './prepare-demo-central';
import { DEMO_CUSTOMERS, DEMO_SEED } from './demo-population';

/**
 * The prepared demo central: a PGlite data folder with every central migration installed and the
 * synthetic customers seeded, archived at build time. Creating and seeding a cluster is most of a
 * first start (about 8 of 11 seconds); loading this copy takes under one. It holds synthetic data
 * only, and the desk still runs the install over it, so a copy older than the app is upgraded.
 */
export const DEMO_SNAPSHOT_ARCHIVE = 'demo-central.tar.gz';
export const DEMO_SNAPSHOT_MANIFEST = 'demo-central.json';

const manifestSchema = z.object({
  format: z.literal('reflect-demo-central/1'),
  schemaVersion: z.number().int().positive(),
  customers: z.number().int().positive(),
  seed: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Digest of the sources the copy was made from; the build makes a new copy when it changes. */
  sources: z.string(),
});
export type DemoSnapshotManifest = z.infer<typeof manifestSchema>;

export interface DemoSnapshot {
  archive: Blob;
  manifest: DemoSnapshotManifest;
}

/** Installs and seeds an in-memory central and archives its data folder. */
export async function buildDemoSnapshot(
  sources: string,
  onStep?: (step: DemoStartStep) => void,
): Promise<{ archive: Uint8Array; manifest: DemoSnapshotManifest }> {
  const central = await startDemoCentral(null);
  try {
    const client = new pg.Client({ connectionString: central.url });
    await client.connect();
    try {
      await prepareDemoCentral(client, onStep);
    } finally {
      await client.end();
    }
    const archive = new Uint8Array(await (await central.dump()).arrayBuffer());
    return {
      archive,
      manifest: {
        format: 'reflect-demo-central/1',
        schemaVersion: centralMigrations.length,
        customers: DEMO_CUSTOMERS,
        seed: DEMO_SEED,
        sha256: sha256(archive),
        sources,
      },
    };
  } finally {
    await central.stop();
  }
}

/**
 * The copy in `dir`, or null when there is none or it cannot be used: a manifest that does not
 * parse, a newer schema than this app knows, another population, or an archive whose digest
 * differs (cut short or changed). Null means the slower way, never a failed start.
 */
export function readDemoSnapshot(dir: string): DemoSnapshot | null {
  let manifest: DemoSnapshotManifest;
  let bytes: Buffer;
  try {
    const parsed = manifestSchema.safeParse(
      JSON.parse(readFileSync(join(dir, DEMO_SNAPSHOT_MANIFEST), 'utf8')),
    );
    if (!parsed.success) return null;
    manifest = parsed.data;
    bytes = readFileSync(join(dir, DEMO_SNAPSHOT_ARCHIVE));
  } catch {
    return null;
  }
  if (manifest.schemaVersion > centralMigrations.length) return null;
  if (manifest.customers !== DEMO_CUSTOMERS || manifest.seed !== DEMO_SEED) return null;
  if (sha256(bytes) !== manifest.sha256) return null;
  return { archive: new Blob([new Uint8Array(bytes)]), manifest };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
