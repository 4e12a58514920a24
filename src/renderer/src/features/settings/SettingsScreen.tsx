import { Alert, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppInfo, WorkspaceStatus } from '../../../../shared/types';
import { call } from '../../ipc';
import { ThemeToggle } from '../shell/ThemeToggle';

/** What this desk is and how it is protected; connection settings arrive with sync. */
export function SettingsScreen({ status }: { status: WorkspaceStatus }) {
  const [app, setApp] = useState<AppInfo | null>(null);
  useEffect(() => {
    call('app:info', {}).then(setApp, () => setApp(null));
  }, []);
  const workspace = status.workspace;

  const rows: [string, string][] = [
    ['Name', workspace?.name ?? ''],
    ['Key protection', workspace?.keyMode === 'passphrase' ? 'Passphrase (scrypt)' : 'OS keychain'],
    ['Created', workspace ? new Date(workspace.createdAt).toLocaleString() : ''],
    ['Replica file', workspace?.databasePath ?? ''],
    ['Schema version', String(workspace?.schemaVersion ?? '')],
    ['App version', app ? `${app.version} (${app.platform})` : ''],
  ];

  return (
    <Stack maw={760}>
      <Title order={2}>Settings</Title>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          Workspace
        </Title>
        <Table aria-label="Workspace">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={180}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Text fw={500}>Theme</Text>
          <ThemeToggle />
        </Group>
      </Paper>
      <Alert color="gray" title="Central database connection">
        Connecting to the central customer database is not built yet.
      </Alert>
    </Stack>
  );
}
