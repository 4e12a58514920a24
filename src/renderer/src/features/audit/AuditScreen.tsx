import { Alert, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';

const PAGE = 100;

/** The local audit trail, newest first, and a check of its hash chain. */
export function AuditScreen() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback((beforeSeq?: number) => {
    call('audit:list', { limit: PAGE, ...(beforeSeq === undefined ? {} : { beforeSeq }) }).then(
      (page) => {
        setEntries((previous) => (beforeSeq === undefined ? page : [...previous, ...page]));
        setExhausted(page.length < PAGE);
      },
      (error: unknown) =>
        notifications.show({
          color: 'red',
          title: 'Cannot read the audit trail',
          message: errorMessage(error),
        }),
    );
  }, []);

  useEffect(() => load(), [load]);

  async function verify() {
    setVerifying(true);
    try {
      setVerification(await call('audit:verify', {}));
      // Verifying is itself recorded: show that entry too.
      load();
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Verification failed',
        message: errorMessage(error),
      });
    } finally {
      setVerifying(false);
    }
  }

  const oldest = entries.at(-1)?.seq;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Audit trail</Title>
        <Button onClick={() => void verify()} loading={verifying}>
          Verify chain
        </Button>
      </Group>
      {verification &&
        (verification.ok ? (
          <Alert color="green" title="Chain intact" role="status">
            Chain intact: {verification.entries} {verification.entries === 1 ? 'entry' : 'entries'},
            each linked to the one before by SHA-256.
          </Alert>
        ) : (
          <Alert color="red" title="Chain broken" role="alert">
            Chain broken at entry #{verification.brokenAt}: {verification.reason}
          </Alert>
        ))}
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
              <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
              <Table.Td>{entry.actor}</Table.Td>
              <Table.Td>{entry.action}</Table.Td>
              <Table.Td>{entry.subject ?? '—'}</Table.Td>
              <Table.Td>
                <Code>{JSON.stringify(entry.details)}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.length === 0 && <Text c="dimmed">No entries.</Text>}
      {!exhausted && oldest !== undefined && (
        <Button variant="default" onClick={() => load(oldest)}>
          Load older
        </Button>
      )}
    </Stack>
  );
}
