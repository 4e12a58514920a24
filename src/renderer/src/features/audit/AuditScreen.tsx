import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { AuditTable } from './AuditTable';

const PAGE = 100;

/** The local audit trail, newest first, and a check of its hash chain. */
export function AuditScreen() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [exhausted, setExhausted] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  /** Without `beforeSeq` the list restarts from the newest entry; with it, older ones are appended. */
  const load = useCallback((beforeSeq?: number) => {
    call('audit:list', { limit: PAGE, ...(beforeSeq === undefined ? {} : { beforeSeq }) })
      .then(
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
      )
      .finally(() => setLoading(false));
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
            {verification.central ? ` ${verification.central}` : ''}
          </Alert>
        ) : (
          <Alert color="red" title="Chain broken" role="alert">
            Chain broken at entry #{verification.brokenAt}: {verification.reason}
          </Alert>
        ))}
      <AuditTable entries={entries} />
      {!loading && entries.length === 0 && <Text c="dimmed">No entries.</Text>}
      {!exhausted && oldest !== undefined && (
        <Button
          variant="default"
          loading={loading}
          onClick={() => {
            setLoading(true);
            load(oldest);
          }}
        >
          Load older
        </Button>
      )}
    </Stack>
  );
}
