import { Alert, Badge, Group, Table, Text } from '@mantine/core';
import type { CandidatePair, FieldEvidence } from '../../../../shared/dedupe';
import { evidenceFieldLabel, percent } from './dedupe-labels';

/**
 * Why two records look like one person, or not: each field's agreement, how much it weighed,
 * and the figures behind the weight (m: how often one person's records show this, u: how often
 * two people's do), with the household guard's reason when it capped the score.
 */
export function PairEvidence({ pair }: { pair: CandidatePair }) {
  return (
    <div>
      {pair.guard && (
        <Alert color="orange" variant="light" mb="xs" title="Held back by the household check">
          {pair.guard}
        </Alert>
      )}
      <Table aria-label={`Evidence for #${pair.a} and #${pair.b}`} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th colSpan={3}>
              <Group justify="space-between" wrap="wrap">
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
              <Table.Td>{evidenceFieldLabel(e.field)}</Table.Td>
              <Table.Td>
                <Text size="sm">{e.label}</Text>
                {e.level !== null && (
                  <Text size="xs" c="dimmed">
                    {figures(e)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td c={e.weight > 0 ? 'teal' : e.weight < 0 ? 'red' : 'dimmed'}>
                {e.weight > 0 ? '+' : ''}
                {e.weight.toFixed(1)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function figures(e: FieldEvidence): string {
  const parts: string[] = [];
  if (e.m !== undefined && e.u !== undefined) {
    parts.push(
      `${share(e.m)} of pairs of one person's records look like this${
        e.mFrom ? ` (learnt from ${e.mFrom.toLocaleString()} sure pairs)` : ' (prior figure)'
      }, ${share(e.u)} of pairs of different people`,
    );
  }
  if (e.sharedBy !== undefined && e.frequencyBits !== undefined) {
    const oneIn = Math.max(1, Math.round(1 / e.sharedBy));
    parts.push(
      `1 in ${oneIn.toLocaleString()} records ${e.field === 'given_name' ? 'have' : 'share'} this name: ${
        e.frequencyBits >= 0 ? '+' : ''
      }${e.frequencyBits.toFixed(1)}`,
    );
  }
  return parts.join('; ');
}

const share = (x: number): string =>
  x >= 0.01 ? `${Math.round(x * 100)}%` : x >= 0.0001 ? `${(x * 100).toFixed(2)}%` : '<0.01%';
