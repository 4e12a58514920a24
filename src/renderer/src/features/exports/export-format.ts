/** 1.2 MB, 640 kB, 300 B: sizes as an officer reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}
