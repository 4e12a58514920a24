import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { AccessStatementForm } from './AccessStatementForm';
import { AlertRulesCard } from './AlertRulesCard';
import { AccessCard } from './AccessCard';
import { AutoLockCard } from './AutoLockCard';
import { CaseSettingsForm } from './CaseSettingsForm';
import { CentralConnectionForm } from './CentralConnectionForm';
import { DataMapCard } from './DataMapCard';
import { DemoOfficersCard } from './DemoOfficersCard';
import { ErasurePoliciesCard } from './ErasurePoliciesCard';
import { RetentionCard } from './RetentionCard';
import { KeyAndBackupsCard } from './KeyAndBackupsCard';
import { LogCard } from './LogCard';
import { TeamCard } from './TeamCard';
import { RecordsOfProcessingCard } from './RecordsOfProcessingCard';
import { OrganisationForm } from './OrganisationForm';
import { RequesterLabelsForm } from './RequesterLabelsForm';
import type { AppInfo, WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { ThemeToggle } from '../shell/ThemeToggle';

type Rows = [label: string, value: string][];

/** What this desk is, how it is protected, and which central database it syncs from. */
export function SettingsScreen({ status }: { status: WorkspaceStatus }) {
  const [app, setApp] = useState<AppInfo | null>(null);
  const [connectionLoads, setConnectionLoads] = useState(0);
  useEffect(() => {
    call('app:info', {}).then(setApp, (error: unknown) =>
      notifications.show({
        color: 'red',
        title: 'Cannot read the app details',
        message: errorMessage(error),
      }),
    );
  }, []);

  const workspace = status.workspace;
  const workspaceRows: Rows = workspace
    ? [
        ['Name', workspace.name],
        ['Created', new Date(workspace.createdAt).toLocaleString()],
        ['Database file', workspace.databasePath],
        [
          'Schema version',
          workspace.schemaVersion === null ? '—' : String(workspace.schemaVersion),
        ],
      ]
    : [];
  const appRows: Rows = app
    ? [
        ['Application', app.name],
        ['Version', app.version],
        ['Platform', app.platform],
        ['Data folder', app.dataDir],
      ]
    : [];

  return (
    <Stack maw={760}>
      <Title order={2}>Settings</Title>
      <InfoTable title="Workspace" rows={workspaceRows} />
      <KeyAndBackupsCard status={status} />
      <AutoLockCard />
      <InfoTable title="Application" rows={appRows} />
      <LogCard log={app?.log ?? null} />
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Text fw={500}>Theme</Text>
          <ThemeToggle />
        </Group>
      </Paper>
      <DemoOfficersCard onChosen={() => setConnectionLoads((n) => n + 1)} />
      {/* Read again after the demo desk reconnects as another officer. */}
      <CentralConnectionForm key={connectionLoads} />
      <AccessCard key={`access-${connectionLoads}`} />
      <TeamCard />
      <OrganisationForm />
      <ErasurePoliciesCard />
      <AlertRulesCard />
      <RetentionCard key={`retention-${connectionLoads}`} />
      <DataMapCard />
      <RecordsOfProcessingCard />
      <CaseSettingsForm />
      <AccessStatementForm />
      <RequesterLabelsForm />
    </Stack>
  );
}

function InfoTable({ title, rows }: { title: string; rows: Rows }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <Table aria-label={title}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={180} scope="row">
                {label}
              </Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
