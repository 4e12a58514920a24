import { Progress, Stack, Text } from '@mantine/core';
import type { SyncProgress } from '../../../../shared/types';

/** Which table, how far, how fast, and how long is left. */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const share =
    progress.rowsTotal && progress.rowsTotal > 0
      ? Math.min(100, (100 * progress.rowsDone) / progress.rowsTotal)
      : null;
  const what =
    progress.phase === 'snapshot'
      ? `Copying ${progress.table ?? ''}: ${progress.rowsDone.toLocaleString()}${progress.rowsTotal ? ` of about ${progress.rowsTotal.toLocaleString()}` : ''} rows`
      : progress.phase === 'indexing'
        ? `Updating the search index: ${progress.rowsDone.toLocaleString()} of ${(progress.rowsTotal ?? 0).toLocaleString()} customers`
        : `Applying central changes: ${progress.rowsDone.toLocaleString()}`;
  const left =
    progress.secondsLeft !== null ? `, about ${Math.ceil(progress.secondsLeft)} s left` : '';
  return (
    <Stack gap={4}>
      <Progress
        value={share ?? 100}
        animated={share === null}
        aria-label="Sync progress"
        size="lg"
      />
      <Text size="sm" c="dimmed">
        {what} ({progress.rowsPerSecond.toLocaleString()} rows/s{left})
      </Text>
    </Stack>
  );
}
