import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { SubjectProfile } from '../../../../shared/types';

/** Records that may be the same person, with what agreed; each opens its own profile. */
export function SimilarRecords({
  profile,
  onOpen,
}: {
  profile: SubjectProfile;
  onOpen: (customerId: number) => void;
}) {
  if (profile.similar.length === 0) {
    return <Text c="dimmed">No other record shares this person’s email, phone or name.</Text>;
  }
  return (
    <Table aria-label="Possibly the same person">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Record</Table.Th>
          <Table.Th>Score</Table.Th>
          <Table.Th>What agrees</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {profile.similar.map((s) => (
          <Table.Tr key={s.customerId}>
            <Table.Td>
              <Anchor component="button" onClick={() => onOpen(s.customerId)}>
                {s.name} (#{s.customerId})
              </Anchor>
              <Text size="xs" c="dimmed">
                {[s.email, s.phone].filter(Boolean).join(' · ')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={s.score >= 0.7 ? 'red' : 'yellow'}>
                {Math.round(s.score * 100)}%
              </Badge>
            </Table.Td>
            <Table.Td>{s.reasons.join(', ')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
