import { BarChart, DonutChart } from '@mantine/charts';
import {
  Alert,
  Card,
  ColorSwatch,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { REQUEST_TYPE_LABELS, STATUS_LABELS, type CaseDashboard } from '../../../../shared/cases';
import { call, errorMessage } from '../../ipc';
import { STATUS_COLOURS } from './case-labels';

/** "2027-02" as the officer's locale writes it: "Feb 2027". */
function monthName(month: string): string {
  const [year, number] = month.split('-').map(Number);
  if (!year || !number) return month;
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleDateString(undefined, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** The figures a privacy lead reports: on-time rate, open work by status, what falls due. */
export function CaseDashboardView({ refresh }: { refresh: number }) {
  const [data, setData] = useState<CaseDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('cases:dashboard', {}).then(
      (loaded) => live && setData(loaded),
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [refresh]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return <Loader aria-label="Loading dashboard" />;
  const donut = data.openByStatus
    .filter((s) => s.count > 0)
    .map((s) => ({
      name: STATUS_LABELS[s.status],
      value: s.count,
      color: `${STATUS_COLOURS[s.status]}.6`,
    }));
  // Counts are whole numbers: the axes never show 0.5 of a request.
  const wholeNumbers = { allowDecimals: false };
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure label="Open" value={String(data.open)} testId="dash-open" />
        <Figure label="Due this week" value={String(data.dueThisWeek)} testId="dash-due-week" />
        <Figure label="Overdue" value={String(data.overdue)} testId="dash-overdue" />
        <Figure
          label="Answered on time"
          value={data.onTimeRate === null ? '—' : `${Math.round(data.onTimeRate * 100)}%`}
          testId="dash-on-time"
        />
        <Figure
          label="Median days to close"
          value={data.medianDaysToClose === null ? '—' : String(data.medianDaysToClose)}
          testId="dash-median"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            Open by status
          </Title>
          {donut.length === 0 ? (
            <Text size="sm" c="dimmed">
              No open cases. New requests are entered with “New request”.
            </Text>
          ) : (
            <Group justify="center" gap="xl" wrap="wrap">
              <DonutChart
                withLabelsLine
                withLabels
                withTooltip
                data={donut}
                aria-label="Open cases by status"
              />
              <Stack gap={4} role="list" aria-label="Legend: open cases by status">
                {donut.map((d) => (
                  <Group key={d.name} gap="xs" wrap="nowrap" role="listitem">
                    <ColorSwatch
                      color={`var(--mantine-color-${d.color.replace('.', '-')})`}
                      size={12}
                    />
                    <Text size="sm">
                      {d.name}: {d.value}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Group>
          )}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            Requests by type
          </Title>
          <BarChart
            h={220}
            data={data.byType.map((t) => ({
              type: REQUEST_TYPE_LABELS[t.requestType],
              count: t.count,
            }))}
            dataKey="type"
            series={[{ name: 'count', label: 'Requests', color: 'indigo.6' }]}
            orientation="vertical"
            yAxisProps={{ width: 160 }}
            xAxisProps={wholeNumbers}
            aria-label="Requests by type"
          />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Received per month, and how they closed
        </Title>
        <BarChart
          h={240}
          data={data.byMonth.map((m) => ({ ...m, month: monthName(m.month) }))}
          dataKey="month"
          yAxisProps={wholeNumbers}
          series={[
            { name: 'received', label: 'Received', color: 'indigo.4' },
            { name: 'closedOnTime', label: 'Closed on time', color: 'green.6' },
            { name: 'closedLate', label: 'Closed late', color: 'red.6' },
          ]}
          withLegend
          aria-label="Requests per month"
        />
      </Card>
    </Stack>
  );
}
