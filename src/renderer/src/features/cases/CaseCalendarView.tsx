import {
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { REQUEST_TYPE_LABELS, type CaseSummary } from '../../../../shared/cases';
import { useSyncedCall } from '../shell/useSyncedCall';
import { deadlineBadge, formatDay } from './case-labels';

/** Every open case; the calendar shows each on its due day. */
const OPEN = {
  statuses: ['received', 'verifying_identity', 'in_progress', 'awaiting_approval'] as const,
};

/**
 * The open cases' deadlines on a month calendar, Monday first: what falls due when, overdue in
 * red, due soon in orange; a case opens with a click or Enter.
 */
export function CaseCalendarView({ onOpen }: { onOpen: (caseId: string) => void }) {
  const list = useSyncedCall('cases:list', { filters: { statuses: [...OPEN.statuses] } });
  const cases = useMemo(() => list.value?.cases ?? [], [list.value]);
  // "Today" as the desk counts deadlines (its clock, in the case's zone), not this window's.
  const today = useMemo(() => deskToday(cases), [cases]);
  const [shown, setShown] = useState<DateTime | null>(null);
  const month = (shown ?? today).startOf('month');

  if (list.error) return <Text c="red">{list.error}</Text>;
  if (!list.value) return <Loader aria-label="Loading the calendar" />;

  const byDay = new Map<string, CaseSummary[]>();
  for (const c of cases) {
    const day = c.deadline.dueDate;
    byDay.set(day, [...(byDay.get(day) ?? []), c]);
  }
  const first = month.startOf('week');
  const weeks = Array.from({ length: 6 }, (_, w) =>
    Array.from({ length: 7 }, (_, d) => first.plus({ days: w * 7 + d })),
  ).filter((week) => week.some((day) => day.month === month.month));
  const title = month.toLocaleString({ month: 'long', year: 'numeric' });
  const inMonth = cases.filter((c) => c.deadline.dueDate.startsWith(month.toFormat('yyyy-MM')));

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setShown(month.minus({ months: 1 }))}>
            Previous month
          </Button>
          <Button variant="default" size="xs" onClick={() => setShown(null)}>
            This month
          </Button>
          <Button variant="default" size="xs" onClick={() => setShown(month.plus({ months: 1 }))}>
            Next month
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {inMonth.length === 0
          ? 'No open case falls due this month.'
          : `${inMonth.length} open case${inMonth.length === 1 ? '' : 's'} fall${inMonth.length === 1 ? 's' : ''} due this month.`}
      </Text>
      <Table
        aria-label={`Deadlines in ${title}`}
        layout="fixed"
        withColumnBorders
        withTableBorder
        verticalSpacing={4}
        horizontalSpacing={4}
      >
        <Table.Thead>
          <Table.Tr>
            {weeks[0]?.map((day) => (
              <Table.Th key={day.weekday} ta="center">
                {day.toLocaleString({ weekday: 'short' })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((week) => (
            <Table.Tr key={week[0]?.toISODate()} style={{ verticalAlign: 'top' }}>
              {week.map((day) => (
                <DayCell
                  key={day.toISODate()}
                  day={day}
                  outside={day.month !== month.month}
                  isToday={day.hasSame(today, 'day')}
                  cases={byDay.get(day.toISODate() ?? '') ?? []}
                  onOpen={onOpen}
                />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function DayCell({
  day,
  outside,
  isToday,
  cases,
  onOpen,
}: {
  day: DateTime;
  outside: boolean;
  isToday: boolean;
  cases: CaseSummary[];
  onOpen: (caseId: string) => void;
}) {
  const date = day.toISODate() ?? '';
  return (
    <Table.Td
      h={96}
      data-day={date}
      aria-label={`${formatDay(date)}${isToday ? ', today' : ''}: ${cases.length === 0 ? 'nothing due' : `${cases.length} due`}`}
      style={{ opacity: outside ? 0.45 : 1 }}
    >
      <Stack gap={2}>
        <Text size="xs" fw={isToday ? 700 : 400} c={isToday ? 'blue' : 'dimmed'}>
          {day.day}
          {isToday ? ' · today' : ''}
        </Text>
        {cases.map((c) => {
          const badge = deadlineBadge(c.deadline);
          const name = c.reference ?? c.requesterName;
          return (
            <UnstyledButton
              key={c.caseId}
              onClick={() => onOpen(c.caseId)}
              aria-label={`${name}, ${REQUEST_TYPE_LABELS[c.requestType]}, ${badge.label}`}
              title={`${c.requesterName}: ${REQUEST_TYPE_LABELS[c.requestType]}, ${badge.label}`}
            >
              <Badge
                color={badge.colour}
                variant="light"
                size="sm"
                fullWidth
                radius="sm"
                // Long names wrap inside the day rather than being cut.
                styles={{
                  root: { textTransform: 'none', justifyContent: 'flex-start', height: 'auto' },
                  label: {
                    whiteSpace: 'normal',
                    overflow: 'visible',
                    lineHeight: 1.3,
                    padding: '2px 0',
                  },
                }}
              >
                {name}
              </Badge>
            </UnstyledButton>
          );
        })}
      </Stack>
    </Table.Td>
  );
}

/** The desk's today: each case's due day less its days left; this window's clock without cases. */
function deskToday(cases: CaseSummary[]): DateTime {
  const c = cases[0];
  if (!c) return DateTime.now().startOf('day');
  return DateTime.fromISO(c.deadline.dueDate).minus({ days: c.deadline.daysLeft }).startOf('day');
}
