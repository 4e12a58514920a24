import { List, Stack, Table, Text } from '@mantine/core';
import { EXPORT_TABLE_LABELS, type PackageContents } from '../../../../shared/exports';

/** What a package holds and withholds, as the approver approves it: counts and reasons, no values. */
export function PackageContentsView({ contents }: { contents: PackageContents }) {
  return (
    <Stack gap="xs" data-testid="package-contents">
      <Text size="sm">
        Records of customer {contents.customerIds.join(', ')} (linked subjects and every record
        merged with them).
      </Text>
      <Table aria-label="What the package holds" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Part of the package</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contents.tables.map((t) => (
            <Table.Tr key={t.table}>
              <Table.Td>{t.label}</Table.Td>
              <Table.Td ta="right">{t.rows}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {contents.withheld.length === 0 ? (
        <Text size="sm">Nothing is withheld.</Text>
      ) : (
        <div>
          <Text size="sm" fw={500}>
            Withheld, and why
          </Text>
          <List size="sm" data-testid="package-withheld">
            {contents.withheld.map((w, i) => (
              <List.Item key={i}>
                {w.column === null
                  ? `${EXPORT_TABLE_LABELS[w.table]}: the whole row ${w.rowId ?? ''}`
                  : w.rowId === null
                    ? `${EXPORT_TABLE_LABELS[w.table]}: ${w.column} in every row`
                    : `${EXPORT_TABLE_LABELS[w.table]}: ${w.column} of row ${w.rowId}`}
                : {w.reason}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
