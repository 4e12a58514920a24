import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ClusterPage, DedupeProgress } from '../../../../shared/dedupe';
import { call, errorMessage, useEvent } from '../../ipc';
import { progressText } from './dedupe-labels';

/** When records were last checked, what changed since, and the buttons to check again. */
export function CheckPanel({ page, onChecked }: { page: ClusterPage; onChecked: () => void }) {
  const [progress, setProgress] = useState<DedupeProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEvent('duplicates:progress', (p) => setProgress(p));

  const run = (kind: 'full' | 'incremental') => {
    setRunning(true);
    setError(null);
    setProgress(null);
    call('duplicates:check', { kind }).then(
      () => {
        setRunning(false);
        onChecked();
      },
      (failure: unknown) => {
        setRunning(false);
        setError(errorMessage(failure));
      },
    );
  };
  const last = page.lastRun;
  const share = progress && progress.total > 0 ? (100 * progress.done) / progress.total : null;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {last
          ? `Last check (${last.kind}) ${new Date(last.finishedAt).toLocaleString()}: ${last.checked.toLocaleString()} records, ${last.pairsCompared.toLocaleString()} pairs compared in ${(last.ms / 1000).toFixed(1)} s.`
          : 'Records have not been checked for duplicates on this desk yet.'}{' '}
        {page.changedSinceRun > 0 &&
          `${page.changedSinceRun.toLocaleString()} record(s) changed since (by sync or merge).`}
      </Text>
      <Group>
        <Button onClick={() => run('full')} loading={running} variant={last ? 'default' : 'filled'}>
          Check all records
        </Button>
        {last && (
          <Button
            onClick={() => run('incremental')}
            loading={running}
            disabled={page.changedSinceRun === 0}
          >
            Check changed records
          </Button>
        )}
      </Group>
      {running && progress && (
        <Stack gap={4}>
          <Progress value={share ?? 100} animated={share === null} aria-label="Check progress" />
          <Text size="sm" c="dimmed">
            {progressText(progress)}
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" title="The check failed">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
