import { Alert, Anchor, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { DismissedPair } from '../../../../shared/dedupe';
import { call, errorMessage } from '../../ipc';
import { useSyncedCall } from '../shell/useSyncedCall';
import { useOfficerName } from '../team/TeamDirectory';

/** Pairs marked "not the same person", with who decided and an undo for a wrong decision. */
export function DismissedPairs({
  onChanged,
  onOpen,
}: {
  onChanged: () => void;
  onOpen: (customerId: number) => void;
}) {
  const nameOf = useOfficerName();
  const pairs = useSyncedCall('duplicates:dismissed', { limit: 100 });
  const [error, setError] = useState<string | null>(null);
  const undo = (pair: DismissedPair) => {
    setError(null);
    call('duplicates:undismiss', { customerIds: [pair.a.customerId, pair.b.customerId] }).then(
      (left) => {
        pairs.setValue(left);
        onChanged();
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  };
  if (!pairs.value) return null;
  if (pairs.value.length === 0) {
    return <Text c="dimmed">No pair has been marked as two different people on this desk.</Text>;
  }
  const person = (p: DismissedPair['a']) => (
    <Anchor component="button" onClick={() => onOpen(p.customerId)}>
      {p.name ?? 'record no longer here'} (customer {p.customerId})
    </Anchor>
  );
  return (
    <>
      {error && (
        <Alert color="red" title="Cannot undo">
          {error}
        </Alert>
      )}
      <Table aria-label="Marked as different people">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Records</Table.Th>
            <Table.Th>Decided</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pairs.value.map((p) => (
            <Table.Tr key={`${p.a.customerId}-${p.b.customerId}`}>
              <Table.Td>
                {person(p.a)} and {person(p.b)}
              </Table.Td>
              <Table.Td>
                {new Date(p.decidedAt).toLocaleString()} by {nameOf(p.decidedBy)}
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={`Undo: #${p.a.customerId} and #${p.b.customerId} are different people`}
                  onClick={() => undo(p)}
                >
                  Undo
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
