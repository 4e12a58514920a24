import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { REQUEST_TYPE_LABELS, STATUS_LABELS, type CaseDashboard } from '../../../../shared/cases';
import { call, errorMessage } from '../../ipc';
import { STATUS_COLOURS } from './case-labels';

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
          <Group justify="center">
            <DonutChart
              withLabelsLine
              withLabels
              data={data.openByStatus
                .filter((s) => s.count > 0)
                .map((s) => ({
                  name: STATUS_LABELS[s.status],
                  value: s.count,
                  color: `${STATUS_COLOURS[s.status]}.6`,
                }))}
              aria-label="Open cases by status"
            />
          </Group>
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
          data={data.byMonth}
          dataKey="month"
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
