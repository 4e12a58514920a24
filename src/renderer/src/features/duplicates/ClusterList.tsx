import { Badge, Button, Table, Text } from '@mantine/core';
import type { ClusterSummary } from '../../../../shared/dedupe';
import { percent } from './dedupe-labels';

/** Candidate clusters, strongest first, each with what agreed on its strongest pair. */
export function ClusterList({
  clusters,
  onReview,
}: {
  clusters: ClusterSummary[];
  onReview: (cluster: ClusterSummary) => void;
}) {
  return (
    <Table aria-label="Duplicate candidates" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          {/* Wide enough for the whole band: the most important cell of the row. */}
          <Table.Th miw={112}>Match</Table.Th>
          <Table.Th>Records</Table.Th>
          <Table.Th>What agrees</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {clusters.map((c) => (
          <Table.Tr key={c.clusterId}>
            <Table.Td>
              <Badge color={c.band === 'likely' ? 'red' : 'yellow'} variant="light">
                {c.band}
              </Badge>
              <Text size="xs" c="dimmed">
                {percent(c.probability)}
              </Text>
            </Table.Td>
            <Table.Td>
              {c.members.map((m) => (
                <Text key={m.customerId} size="sm">
                  {m.name} (#{m.customerId}){' '}
                  <Text span size="xs" c="dimmed">
                    {[m.email, m.phone].filter(Boolean).join(' · ')}
                  </Text>
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.agreed.join(', ') || 'nothing strongly'}</Text>
              {c.guard && (
                <Text size="xs" c="orange.8">
                  {c.guard}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                onClick={() => onReview(c)}
                aria-label={`Review ${c.members.map((m) => `#${m.customerId}`).join(', ')}`}
              >
                Review
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
