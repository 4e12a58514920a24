import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSyncedCall } from '../shell/useSyncedCall';
import { SyncProgressBar } from '../sync/SyncProgressBar';
import { syncStateLabel } from '../sync/sync-state-label';
import { useSyncOverview } from '../sync/useSyncOverview';
import { AccessAlertsCard } from './AccessAlertsCard';
import { CaseQueue } from './CaseQueue';
import type { HomeOverview } from '../../../../shared/cases';

interface Props {
  onOpenCase: (caseId: string) => void;
  onOpenScreen: (screen: 'cases' | 'sync' | 'settings') => void;
}

/** Where the day starts: what is due, what waits for this officer, and whether the desk is current. */
export function HomeScreen({ onOpenCase, onOpenScreen }: Props) {
  const { value: home, error } = useSyncedCall('cases:home', {});
  const { overview, progress } = useSyncOverview();
  const today = home
    ? new Date(home.at).toLocaleDateString(undefined, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      })
    : '';
  const sync = overview ? syncStateLabel(overview) : null;

  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={0}>
          <Title order={2}>Today</Title>
          <Text size="sm" c="dimmed">
            {today}
            {home ? ` · working as ${home.officer}` : ''}
          </Text>
        </Stack>
        {overview && sync && (
          <Paper withBorder px="md" py="xs" component="section" aria-label="Sync state">
            <Group gap="sm" wrap="nowrap">
              <Text size="sm">Central database</Text>
              <Badge color={sync.color} variant="light" style={{ whiteSpace: 'nowrap' }}>
                {sync.label}
              </Badge>
              {overview.lastSyncAt && (
                <Text size="xs" c="dimmed">
                  last synced {new Date(overview.lastSyncAt).toLocaleString()}
                </Text>
              )}
              <Button
                size="compact-xs"
                variant="default"
                onClick={() =>
                  onOpenScreen(overview.state === 'not-configured' ? 'settings' : 'sync')
                }
              >
                {overview.state === 'not-configured' ? 'Set up' : 'Open'}
              </Button>
            </Group>
          </Paper>
        )}
      </Group>
      {overview?.state === 'syncing' && overview.lastSyncAt === null && (
        <Paper withBorder p="md" component="section" aria-label="First sync">
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              First sync: copying the central database into this desk's encrypted replica
            </Text>
            {progress ? (
              <SyncProgressBar progress={progress} />
            ) : (
              <Text size="sm" c="dimmed">
                Connecting to the central database…
              </Text>
            )}
            <Text size="xs" c="dimmed">
              Search, cases and duplicates fill in as the records arrive.
            </Text>
          </Stack>
        </Paper>
      )}
      {error && (
        <Alert color="red" title="Cannot read the cases">
          {error}
        </Alert>
      )}
      {overview && overview.openConflicts > 0 && (
        <Alert color="orange" title="Changes to resolve">
          <Group justify="space-between">
            <Text size="sm">
              {overview.openConflicts === 1
                ? 'One change made on this desk conflicts with a newer one on central.'
                : `${overview.openConflicts} changes made on this desk conflict with newer ones on central.`}{' '}
              They wait until you decide.
            </Text>
            <Button size="xs" variant="light" color="orange" onClick={() => onOpenScreen('sync')}>
              Resolve
            </Button>
          </Group>
        </Alert>
      )}
      <AccessAlertsCard />
      {home && (
        <>
          {queueRows(home).map((row, index) => (
            <SimpleGrid key={index} cols={{ base: 1, md: row.length }}>
              {row.map((queue) => (
                <CaseQueue key={queue.title} {...queue} onOpen={onOpenCase} />
              ))}
            </SimpleGrid>
          ))}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {home.openTotal === 0
                ? 'There are no open cases. A new request is entered on the Cases screen.'
                : `${home.openTotal} open case${home.openTotal === 1 ? '' : 's'} on this desk, ${home.overdueTotal} overdue.`}
            </Text>
            <Button variant="default" size="xs" onClick={() => onOpenScreen('cases')}>
              All cases
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** The queues in two rows: my deadlines first, then what waits on me or on nobody. */
function queueRows(home: HomeOverview) {
  return [
    [
      {
        title: 'Overdue',
        colour: 'red',
        cases: home.mine.overdue,
        empty: 'None of your cases is overdue.',
      },
      {
        title: 'Due today',
        colour: 'orange',
        cases: home.mine.dueToday,
        empty: 'Nothing of yours is due today.',
      },
      {
        title: 'Due this week',
        colour: 'yellow',
        cases: home.mine.dueThisWeek,
        empty: 'Nothing of yours is due in the next seven days.',
      },
    ],
    [
      {
        title: 'Waiting for your approval',
        colour: 'violet',
        cases: home.awaitingMyApproval,
        empty: 'No colleague is waiting for your approval.',
      },
      {
        title: 'Not assigned to anyone',
        cases: home.unassigned,
        empty: 'Every open case has someone assigned.',
      },
    ],
  ];
}
