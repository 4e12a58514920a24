import type { Highlight } from '../../shared/types';
import { foldWithOffsets } from './text-folding';

/**
 * Where any of the (folded) needles occurs in a displayed value, as merged ranges of the original
 * string, so "Muller" highlights "Müller".
 */
export function highlightText(value: string, needles: readonly string[]): Highlight[] {
  const { folded, origin } = foldWithOffsets(value);
  const ranges: Highlight[] = [];
  for (const needle of needles) {
    if (needle.length === 0) continue;
    let from = folded.indexOf(needle);
    while (from !== -1) {
      ranges.push([origin[from] ?? 0, origin[from + needle.length] ?? value.length]);
      from = folded.indexOf(needle, from + 1);
    }
  }
  return mergeRanges(ranges);
}

/** Digit fragments found in a formatted number ("79460958" in "+44 20 7946 0958"). */
export function highlightDigits(value: string, fragments: readonly string[]): Highlight[] {
  const positions: number[] = [];
  let digits = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value.charAt(i);
    if (char >= '0' && char <= '9') {
      digits += char;
      positions.push(i);
    }
  }
  const ranges: Highlight[] = [];
  for (const fragment of fragments) {
    if (fragment.length === 0) continue;
    let from = digits.indexOf(fragment);
    while (from !== -1) {
      const start = positions[from] ?? 0;
      const end = (positions[from + fragment.length - 1] ?? start) + 1;
      ranges.push([start, end]);
      from = digits.indexOf(fragment, from + 1);
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: Highlight[]): Highlight[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Highlight[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
