import { LineChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import type { QualityTrendPoint } from '../../../../shared/quality';
import { shortDay } from './quality-format';

/** How the duplicate rate moved: one point per day a check or sync recorded the figures. */
export function DuplicateTrendCard({ trend }: { trend: QualityTrendPoint[] }) {
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb={4}>
        Duplicate rate over time
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Share of records in a cluster of duplicates, as recorded after each day&apos;s last
        duplicate check or sync.
      </Text>
      {trend.length === 0 ? (
        <Text>
          Nothing recorded yet. The first point is added after the next duplicate check or sync.
        </Text>
      ) : (
        <>
          <LineChart
            h={220}
            data={trend.map((p) => ({
              day: shortDay(p.day),
              likely: Math.round(p.likelyShare * 1000) / 10,
              possible: Math.round(p.possibleShare * 1000) / 10,
            }))}
            dataKey="day"
            series={[
              { name: 'likely', label: 'Likely duplicates (%)', color: 'red.6' },
              { name: 'possible', label: 'Possible duplicates (%)', color: 'yellow.6' },
            ]}
            withLegend
            withDots={trend.length < 40}
            valueFormatter={(v) => `${v}%`}
            aria-label="Duplicate rate over time"
          />
          {trend.length === 1 ? (
            <Text size="sm" c="dimmed" mt="xs">
              One day recorded so far: the line grows by a point on each day with a check or sync.
            </Text>
          ) : null}
        </>
      )}
    </Card>
  );
}
