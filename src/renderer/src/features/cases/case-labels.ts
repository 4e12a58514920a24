import type { CaseStatus, Deadline, DeadlineState } from '../../../../shared/cases';

export const STATUS_COLOURS: Record<CaseStatus, string> = {
  received: 'gray',
  verifying_identity: 'yellow',
  in_progress: 'blue',
  awaiting_approval: 'violet',
  fulfilled: 'green',
  rejected: 'red',
  withdrawn: 'dark',
};

const DEADLINE_LABELS: Record<DeadlineState, { label: string; colour: string }> = {
  on_track: { label: 'On track', colour: 'teal' },
  due_soon: { label: 'Due soon', colour: 'orange' },
  overdue: { label: 'Overdue', colour: 'red' },
  paused: { label: 'Clock paused', colour: 'gray' },
  met: { label: 'Met', colour: 'green' },
  missed: { label: 'Missed', colour: 'red' },
};

export function deadlineBadge(deadline: Deadline): { label: string; colour: string } {
  const base = DEADLINE_LABELS[deadline.state];
  if (deadline.state === 'overdue') {
    const days = -deadline.daysLeft;
    return { ...base, label: `Overdue ${days} day${days === 1 ? '' : 's'}` };
  }
  if (deadline.state === 'due_soon' || deadline.state === 'on_track') {
    const days = deadline.daysLeft;
    return {
      ...base,
      label: days === 0 ? 'Due today' : `${days} day${days === 1 ? '' : 's'} left`,
    };
  }
  return base;
}

/** A due day (YYYY-MM-DD) in the officer's locale, e.g. "28 Feb 2027". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A day (YYYY-MM-DD) with its weekday, in the officer's locale: "Sunday 28 February 2027". */
export function formatLongDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The days off a period was moved past, in words: "Good Friday, then the weekend and Easter
 * Monday"; null when they are only a weekend, which the date itself already says.
 */
export function daysOffInWords(daysOff: string[]): string | null {
  const words: string[] = [];
  for (const day of daysOff) {
    if (day === 'Sunday' && words.at(-1) === 'Saturday') words[words.length - 1] = 'the weekend';
    else words.push(day);
  }
  if (words.every((w) => w === 'the weekend' || w === 'Saturday' || w === 'Sunday')) return null;
  const [first, ...rest] = words;
  const last = rest.pop();
  if (last === undefined) return first ?? null;
  return `${first ?? ''}, then ${rest.length > 0 ? `${rest.join(', ')} and ` : ''}${last}`;
}

/** An instant as a datetime-local input shows it: this computer's local time, to the minute. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function humanise(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
