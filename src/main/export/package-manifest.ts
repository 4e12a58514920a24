import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EXPORT_FORMATS, type PackageFile } from '../../shared/exports';
import { redactionEntrySchema } from './portability-schema';
import { openTextOutput } from './text-output';
import { CHECKSUMS_NAME, MANIFEST_NAME } from './package-readme';

export const MANIFEST_FORMAT = 'reflect-package-manifest';

/** A file name inside a package: plain, no folders, so a doctored manifest cannot point outside. */
const packageFileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/);

export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    manifestVersion: z.literal(1),
    packageId: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string().nullable(),
    jurisdiction: z.string(),
    requestType: z.string(),
    generatedAt: z.iso.datetime(),
    generatedBy: z.string(),
    appVersion: z.string(),
    dataSchemaVersion: z.string(),
    formats: z.array(z.enum(EXPORT_FORMATS)),
    customerIds: z.array(z.number().int()),
    rowCounts: z.record(z.string(), z.number().int()),
    approval: z.object({ approvedBy: z.string(), approvedAt: z.string() }).strict().nullable(),
    redactions: z.array(redactionEntrySchema),
    files: z.array(
      z
        .object({
          name: packageFileName,
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          bytes: z.number().int(),
        })
        .strict(),
    ),
  })
  .strict();
export type Manifest = z.output<typeof manifestSchema>;

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Streams the file through SHA-256, so a large workbook is never read whole. */
export async function hashPath(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), bytes: (await stat(path)).size };
}

export async function hashFile(dir: string, name: string): Promise<PackageFile> {
  return { name, ...(await hashPath(join(dir, name))) };
}

/** checksums.sha256 in the sha256sum format ("<hash>  <name>"), which standard tools check. */
export async function writeChecksums(dir: string, files: PackageFile[]): Promise<string> {
  const out = openTextOutput(join(dir, CHECKSUMS_NAME));
  await out.write(files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
  await out.close();
  return CHECKSUMS_NAME;
}

/** Writes manifest.json and returns its own checksum, which the desk keeps to spot a doctored one. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<PackageFile> {
  const out = openTextOutput(join(dir, MANIFEST_NAME));
  await out.write(`${JSON.stringify(manifest, null, 2)}\n`);
  await out.close();
  return hashFile(dir, MANIFEST_NAME);
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('manifest.json is not valid JSON.');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `manifest.json is not a Reflect package manifest: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}
