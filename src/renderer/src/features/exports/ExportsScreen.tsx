import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { LoadFailed } from '../shell/LoadFailed';
import { useSyncedCall } from '../shell/useSyncedCall';
import { ExportList } from './ExportList';

/** Every package this desk wrote, newest first, each with its checksums and a re-check. */
export function ExportsScreen({ onOpenCase }: { onOpenCase: (caseId: string) => void }) {
  const { value, error, reload } = useSyncedCall('exports:list', { caseId: null });
  if (error) return <LoadFailed title="Cannot list the exports" message={error} back={null} />;
  if (!value) return <Loader aria-label="Loading exports" />;
  return (
    <Stack>
      <Title order={2}>Exports</Title>
      <Text c="dimmed" maw={760}>
        Access reports and portability packages written on this desk. Verify recomputes every
        checksum and names any file changed since it was written. Prepare a new export from its
        case.
      </Text>
      {value.length === 0 ? (
        <Alert color="gray">
          No exports yet. Open an approved access or portability case to prepare one.
        </Alert>
      ) : (
        <ExportList exports={value} onChanged={reload} onOpenCase={onOpenCase} />
      )}
    </Stack>
  );
}
