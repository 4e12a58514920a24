import { Table, Text } from '@mantine/core';
import { humanKey, isNested, readableScalar } from '../../components/readable-values';

/** The fields of both sides, one row each, with those that differ marked. */
export function ConflictComparison({ local, central }: { local: unknown; central: unknown }) {
  const sent = asRecord(local);
  // An operation names the fields it changes under `changes`: those are what is compared, each
  // against the same field of central's record. Anything else is compared field by field.
  const changes = sent.changes;
  const mine =
    typeof changes === 'object' && changes !== null && !Array.isArray(changes)
      ? (changes as Record<string, unknown>)
      : sent;
  const theirs = asRecord(central);
  const fields =
    mine === sent
      ? [...new Set([...Object.keys(mine), ...Object.keys(theirs)])]
      : Object.keys(mine);
  const shown = (value: unknown) =>
    isNested(value) ? JSON.stringify(value) : readableScalar(value);
  return (
    <Table aria-label="Compared fields" layout="fixed" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="24%">Field</Table.Th>
          <Table.Th>This desk sent</Table.Th>
          <Table.Th>Central has now</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => {
          const differs = JSON.stringify(mine[field]) !== JSON.stringify(theirs[field]);
          return (
            <Table.Tr
              key={field}
              data-differs={differs || undefined}
              bg={differs ? 'var(--mantine-color-yellow-light)' : undefined}
            >
              <Table.Th scope="row" fw={differs ? 700 : 500} fz="sm">
                {humanKey(field)}
                {differs && (
                  <Text span size="xs" c="orange" ml={6}>
                    differs
                  </Text>
                )}
              </Table.Th>
              <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
                {field in mine ? shown(mine[field]) : '—'}
              </Table.Td>
              <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
                {field in theirs ? shown(theirs[field]) : '—'}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return value === null || value === undefined ? {} : { value };
}
