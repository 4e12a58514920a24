import { Mark } from '@mantine/core';
import type { Highlight } from '../../../../shared/types';

/** A value with the parts that matched the query marked. */
export function Highlighted({ text, ranges }: { text: string; ranges: Highlight[] | undefined }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <Mark key={start} color="yellow">
        {text.slice(start, end)}
      </Mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
