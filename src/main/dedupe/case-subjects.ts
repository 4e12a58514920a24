/**
 * How a merge changes an open case's subjects, and how its undo changes them back; the same rules
 * as central's merge and unmerge operations, so desk and central agree before the next pull.
 */

/** Each merged id becomes the survivor, once, where the first of them stood. */
export function subjectsAfterMerge(
  subjects: readonly number[],
  survivorId: number,
  mergedIds: readonly number[],
): number[] {
  const out: number[] = [];
  for (const id of subjects) {
    const next = mergedIds.includes(id) ? survivorId : id;
    if (!out.includes(next)) out.push(next);
  }
  return out;
}

/**
 * The subjects as they were before the merge. If the case changed since, only the merge's own
 * change is reversed: what it put in is taken out, what it took out is put back.
 */
export function subjectsAfterUnmerge(
  current: readonly number[],
  was: readonly number[],
  became: readonly number[],
): number[] {
  if (current.length === became.length && current.every((id, i) => id === became[i])) {
    return [...was];
  }
  const kept = current.filter((id) => was.includes(id) || !became.includes(id));
  const restored = was.filter((id) => !became.includes(id));
  return [...new Set([...kept, ...restored])];
}
