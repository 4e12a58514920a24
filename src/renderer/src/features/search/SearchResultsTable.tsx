import { Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import type { SearchHit } from '../../../../shared/types';
import { Highlighted } from './Highlighted';

interface Props {
  hits: SearchHit[];
  onOpen: (customerId: number) => void;
}

/** Ranked customers; each row opens the profile (click, or Enter on the focused name). */
export function SearchResultsTable({ hits, onOpen }: Props) {
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="Search results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th>Phone</Table.Th>
          <Table.Th>Address</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {hits.map((hit) => (
          <Table.Tr
            key={hit.customerId}
            data-testid="search-hit"
            onClick={() => onOpen(hit.customerId)}
            style={{ cursor: 'pointer' }}
          >
            <Table.Td>
              <UnstyledButton
                onClick={(event) => {
                  event.stopPropagation();
                  onOpen(hit.customerId);
                }}
                aria-label={`Open ${hit.name} (customer ${hit.customerId})`}
              >
                <Text fw={600} span>
                  <Highlighted text={hit.name} ranges={hit.highlights.name} />
                </Text>
              </UnstyledButton>
              <Group gap={4} mt={2}>
                <Text size="xs" c="dimmed">
                  #{hit.customerId}
                </Text>
                {hit.matchedOrderId !== null && (
                  <Badge size="xs" variant="light">
                    order {hit.matchedOrderId}
                  </Badge>
                )}
                {hit.approximate && (
                  <Badge size="xs" variant="light" color="grape">
                    close match
                  </Badge>
                )}
                {hit.mergedInto !== null && (
                  <Badge size="xs" variant="light" color="gray">
                    merged into #{hit.mergedInto}
                  </Badge>
                )}
                {hit.restricted && (
                  <Badge size="xs" variant="light" color="orange">
                    restricted
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              {hit.email && <Highlighted text={hit.email} ranges={hit.highlights.email} />}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {hit.phone && <Highlighted text={hit.phone} ranges={hit.highlights.phone} />}
            </Table.Td>
            <Table.Td>
              {hit.address && <Highlighted text={hit.address} ranges={hit.highlights.address} />}
            </Table.Td>
            <Table.Td>
              <Badge variant="outline" size="sm">
                {hit.status}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
