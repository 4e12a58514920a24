import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { describeHeldBack } from '../../../../shared/sync-held-back';
import type { ConflictView } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { ConflictList } from './ConflictList';
import { SyncProgressBar } from './SyncProgressBar';
import { syncStateLabel } from './sync-state-label';
import { useSyncOverview } from './useSyncOverview';

/** Where the replica stands against central, and what waits to go there. */
export function SyncScreen({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { overview, progress, setOverview } = useSyncOverview();
  const [conflicts, setConflicts] = useState<ConflictView[]>([]);
  const [busy, setBusy] = useState(false);

  const loadConflicts = useCallback(() => {
    call('sync:conflicts', {}).then(setConflicts, () => setConflicts([]));
  }, []);
  useEffect(() => loadConflicts(), [loadConflicts, overview?.openConflicts]);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    try {
      await run();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Sync', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  if (!overview) return null;
  const state = syncStateLabel(overview);
  const c = overview.connection;

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={2}>Sync</Title>
        <Button
          onClick={() => void act(async () => setOverview(await call('sync:run', {})))}
          loading={busy || overview.state === 'syncing'}
          disabled={overview.state === 'not-configured'}
        >
          Sync now
        </Button>
      </Group>
      {overview.state === 'not-configured' ? (
        <Alert color="gray" title="No central database yet">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              Set up the connection to the company’s central customer database first.
            </Text>
            <Button size="xs" variant="light" onClick={onOpenSettings}>
              Open Settings
            </Button>
          </Stack>
        </Alert>
      ) : (
        <Paper withBorder p="md">
          <Table aria-label="Sync status">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>State</Table.Th>
                <Table.Td>
                  <Badge color={state.color}>{state.label}</Badge>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Central database</Table.Th>
                <Table.Td>
                  {c ? `${c.user}@${c.host}:${c.port}/${c.database} (TLS: ${c.sslMode})` : ''}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Last sync</Table.Th>
                <Table.Td>
                  {overview.lastSyncAt ? describeLag(overview.lastSyncAt) : 'never'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Waiting to be sent</Table.Th>
                <Table.Td>{overview.pendingOperations} operation(s)</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Conflicts</Table.Th>
                <Table.Td>{overview.openConflicts}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {overview.state === 'offline' && (
        <Alert color="yellow" title="Offline">
          {overview.lastError ??
            'The central database cannot be reached. Everything keeps working on this desk; changes wait here and are sent when it is back.'}
        </Alert>
      )}
      {overview.state === 'idle' && overview.heldBack && (
        <Alert color="orange" title="Some central changes cannot arrive yet">
          {describeHeldBack(overview.heldBack, new Date())}
        </Alert>
      )}
      {overview.state === 'error' && overview.lastError && (
        <Alert color="red" title="The last sync failed">
          {overview.lastError}
        </Alert>
      )}
      {overview.state === 'syncing' && progress && <SyncProgressBar progress={progress} />}
      <ConflictList
        conflicts={conflicts}
        busy={busy}
        onResolve={(conflictId, resolution) =>
          void act(async () => {
            setOverview(await call('sync:resolve', { conflictId, resolution }));
            loadConflicts();
          })
        }
      />
    </Stack>
  );
}

function describeLag(at: string): string {
  const minutes = Math.round((Date.now() - new Date(at).getTime()) / 60_000);
  const ago =
    minutes < 1
      ? 'just now'
      : minutes < 60
        ? `${minutes} min ago`
        : `${Math.round(minutes / 60)} h ago`;
  return `${new Date(at).toLocaleString()} (${ago})`;
}
