import { Badge, List, Table, Text } from '@mantine/core';
import type { SubjectProfile } from '../../../../shared/types';
import { formatDate } from './format';

/** Each purpose's current state and how it got there. */
export function ConsentTable({ profile }: { profile: SubjectProfile }) {
  if (profile.consents.length === 0) return <Text c="dimmed">No consents recorded.</Text>;
  return (
    <Table aria-label="Consents">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Purpose</Table.Th>
          <Table.Th>Now</Table.Th>
          <Table.Th>Source</Table.Th>
          <Table.Th>History</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {profile.consents.map((c) => (
          <Table.Tr key={c.consentId} data-testid="consent-row">
            <Table.Td>{c.purpose.replaceAll('_', ' ')}</Table.Td>
            <Table.Td>
              <Badge color={c.granted ? 'green' : 'gray'} variant="light">
                {c.granted ? 'granted' : 'not granted'}
              </Badge>
            </Table.Td>
            <Table.Td>{c.source.replaceAll('_', ' ')}</Table.Td>
            <Table.Td>
              <List size="sm">
                {c.history.map((h) => (
                  <List.Item key={`${h.change}-${h.at}`}>
                    {h.change} <span title={h.at}>{formatDate(h.at)}</span>
                  </List.Item>
                ))}
              </List>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
