import type {
  ClusterPage,
  DedupeProgress,
  DedupeRunSummary,
  MergeRecordSummary,
} from '../../shared/dedupe';

export function describeCheckProgress(p: DedupeProgress): string {
  return `duplicates: ${p.phase} ${p.done}/${p.total}\n`;
}

export function describeRun(run: DedupeRunSummary): string {
  return [
    `Checked ${run.checked} record(s) (${run.kind}) in ${(run.ms / 1000).toFixed(1)} s`,
    `  ${run.keys} blocking keys, ${run.pairsCompared} pairs compared, ${run.oversizedBlocks} oversized block(s) skipped`,
    `  ${run.likely} likely and ${run.possible} possible duplicate pair(s)`,
  ].join('\n');
}

export function describeClusters(page: ClusterPage): string {
  if (page.total === 0) {
    return page.lastRun
      ? 'No duplicate candidates.'
      : 'Not checked yet: run `reflect duplicates check`.';
  }
  const lines = page.clusters.map(
    (c) =>
      `${c.band.padEnd(8)} ${(c.probability * 100).toFixed(1).padStart(5)}%  ${c.members
        .map((m) => `#${m.customerId} ${m.name}`)
        .join(' | ')}\n    ${c.agreed.join(', ')}${c.guard ? `\n    held back: ${c.guard}` : ''}`,
  );
  return [...lines, `${page.clusters.length} of ${page.total} cluster(s).`].join('\n');
}

export function describeMerges(merges: MergeRecordSummary[]): string {
  if (merges.length === 0) return 'No merges on this desk.';
  return merges
    .map(
      (m) =>
        `${m.mergedAt}  ${m.opId}  #${m.survivorId} <- ${m.mergedIds.map((id) => `#${id}`).join(', ')}  ${
          m.undoneAt
            ? `undone ${m.undoneAt}`
            : m.undoBlocked
              ? `cannot undo: ${m.undoBlocked}`
              : 'can be undone'
        }`,
    )
    .join('\n');
}
