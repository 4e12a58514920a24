import { Alert, Anchor, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { MergeRecordSummary } from '../../../../shared/dedupe';
import { call, errorMessage } from '../../ipc';
import { FIELD_LABELS } from './dedupe-labels';
import { useOfficerName } from '../team/TeamDirectory';

/** Merges made on this desk, with where each kept value came from and an undo. */
export function RecentMerges({
  merges,
  onChanged,
  onOpen,
}: {
  merges: MergeRecordSummary[];
  onChanged: () => void;
  onOpen: (customerId: number) => void;
}) {
  const nameOf = useOfficerName();
  const [error, setError] = useState<string | null>(null);
  const undo = (opId: string) => {
    setError(null);
    call('duplicates:unmerge', { opId }).then(onChanged, (failure: unknown) =>
      setError(errorMessage(failure)),
    );
  };
  if (merges.length === 0) return <Text c="dimmed">No merges made on this desk yet.</Text>;
  return (
    <>
      {error && (
        <Alert color="red" title="Cannot undo">
          {error}
        </Alert>
      )}
      <Table aria-label="Merges made on this desk">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Survivor</Table.Th>
            <Table.Th>Merged</Table.Th>
            <Table.Th>Values from</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {merges.map((m) => (
            <Table.Tr key={m.opId}>
              <Table.Td>
                {new Date(m.mergedAt).toLocaleString()}
                <Text size="xs" c="dimmed">
                  by {nameOf(m.mergedBy)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component="button" onClick={() => onOpen(m.survivorId)}>
                  #{m.survivorId}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {m.mergedIds.map((id) => (
                  <Anchor key={id} component="button" mr="xs" onClick={() => onOpen(id)}>
                    #{id}
                  </Anchor>
                ))}
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {Object.entries(m.provenance)
                    .map(
                      ([field, id]) =>
                        `${(FIELD_LABELS as Record<string, string | undefined>)[field] ?? field}: #${id}`,
                    )
                    .join(', ')}
                </Text>
              </Table.Td>
              <Table.Td>
                {m.undoneAt ? (
                  <Text size="sm" c="dimmed">
                    Undone {new Date(m.undoneAt).toLocaleString()}
                  </Text>
                ) : m.undoBlocked ? (
                  <Text size="sm" c="dimmed" title={m.undoBlocked}>
                    Cannot undo: {m.undoBlocked}
                  </Text>
                ) : (
                  <Button size="xs" variant="default" onClick={() => undo(m.opId)}>
                    Undo merge into #{m.survivorId}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
