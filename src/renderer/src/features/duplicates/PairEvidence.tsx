import { Badge, Group, Table, Text } from '@mantine/core';
import type { CandidatePair } from '../../../../shared/dedupe';
import { percent } from './dedupe-labels';

/** Why two records look like one person: each field's agreement and how much it weighed. */
export function PairEvidence({ pair }: { pair: CandidatePair }) {
  return (
    <Table aria-label={`Evidence for #${pair.a} and #${pair.b}`} withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th colSpan={3}>
            <Group justify="space-between">
              <Text fw={600} size="sm">
                #{pair.a} and #{pair.b}
              </Text>
              <Badge variant="light" color={pair.probability >= 0.95 ? 'red' : 'yellow'}>
                {percent(pair.probability)} (weight {pair.weight.toFixed(1)})
              </Badge>
            </Group>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pair.evidence.map((e) => (
          <Table.Tr key={e.field}>
            <Table.Td>{e.field}</Table.Td>
            <Table.Td>{e.label}</Table.Td>
            <Table.Td c={e.weight > 0 ? 'teal' : e.weight < 0 ? 'red' : 'dimmed'}>
              {e.weight > 0 ? '+' : ''}
              {e.weight.toFixed(1)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
