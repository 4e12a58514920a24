import { Table } from '@mantine/core';
import { KeyValueList } from '../../components/KeyValueList';
import type { AuditEntry } from '../../../../shared/types';
import { useOfficerName } from '../team/TeamDirectory';

/** Audit entries newest first, each one's details as readable lines (ids, fields, counts). */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const nameOf = useOfficerName();
  return (
    <Table striped highlightOnHover aria-label="Audit entries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Time</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Subject</Table.Th>
          <Table.Th>Details</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.seq}>
            <Table.Td>{entry.seq}</Table.Td>
            <Table.Td>
              <time dateTime={entry.at} title={entry.at}>
                {new Date(entry.at).toLocaleString()}
              </time>
            </Table.Td>
            <Table.Td>{nameOf(entry.actor)}</Table.Td>
            <Table.Td>{entry.action}</Table.Td>
            <Table.Td>{entry.subject ?? '—'}</Table.Td>
            <Table.Td>
              <KeyValueList
                value={entry.details}
                label={`Details of entry ${entry.seq}`}
                empty="—"
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
