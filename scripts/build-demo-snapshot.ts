/**
 * Makes the prepared demo central (src/main/demo/demo-snapshot.ts) in out/demo, beside the built
 * app: an installed and seeded PGlite data folder, so a demo workspace's first start loads it
 * instead of creating and seeding a cluster. Part of `npm run build`; made again only when the
 * sources it comes from (central migrations, the demo generator, PGlite's version) change.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  buildDemoSnapshot,
  DEMO_SNAPSHOT_ARCHIVE,
  DEMO_SNAPSHOT_MANIFEST,
  readDemoSnapshot,
} from '../src/main/demo/demo-snapshot';

const outDir = 'out/demo';
const sources = digestOf([
  'central',
  'src/main/central',
  'src/main/demo',
  'node_modules/@electric-sql/pglite/package.json',
]);

const current = readDemoSnapshot(outDir);
if (current?.manifest.sources === sources) {
  console.log(`demo central: up to date (${outDir})`);
} else {
  const started = performance.now();
  const { archive, manifest } = await buildDemoSnapshot(sources);
  mkdirSync(outDir, { recursive: true });
  // Written whole and renamed into place, the archive before the manifest that vouches for it.
  writeFileSync(join(outDir, `${DEMO_SNAPSHOT_ARCHIVE}.partial`), archive);
  renameSync(join(outDir, `${DEMO_SNAPSHOT_ARCHIVE}.partial`), join(outDir, DEMO_SNAPSHOT_ARCHIVE));
  writeFileSync(join(outDir, DEMO_SNAPSHOT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `demo central: ${manifest.customers} customers, ${(archive.length / 1e6).toFixed(1)} MB, made in ${seconds} s (${outDir})`,
  );
}

/** One digest over every file under the given paths, by path and content, in a stable order. */
function digestOf(paths: string[]): string {
  const hash = createHash('sha256');
  const files = paths.flatMap((path) => filesUnder(path)).sort();
  for (const file of files) {
    hash.update(relative('.', file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}
