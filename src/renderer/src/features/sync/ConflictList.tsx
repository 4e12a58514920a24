import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ConflictView } from '../../../../shared/types';

interface Props {
  conflicts: ConflictView[];
  busy: boolean;
  onResolve: (conflictId: number, resolution: 'reapply' | 'discard') => void;
}

/** Each change central did not take, with both values side by side and the two ways out. */
export function ConflictList({ conflicts, busy, onResolve }: Props) {
  if (conflicts.length === 0) return null;
  return (
    <Stack>
      <Title order={3}>Conflicts to resolve</Title>
      {conflicts.map((conflict) => (
        <Paper
          key={conflict.conflictId}
          withBorder
          p="md"
          aria-label={`Conflict ${conflict.conflictId}`}
        >
          <Group justify="space-between" mb="sm">
            <Group gap="xs">
              <Badge color="orange">{conflict.kind}</Badge>
              <Text size="sm">
                {conflict.table} #{conflict.pk}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              raised {new Date(conflict.raisedAt).toLocaleString()}
            </Text>
          </Group>
          <SimpleGrid cols={2}>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                This desk sent
              </Text>
              <Code block>{JSON.stringify(conflict.local, null, 2)}</Code>
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                Central has now
              </Text>
              <Code block>{JSON.stringify(conflict.central, null, 2)}</Code>
            </Stack>
          </SimpleGrid>
          <Group mt="sm">
            <Button
              size="xs"
              disabled={!conflict.canReapply || busy}
              onClick={() => onResolve(conflict.conflictId, 'reapply')}
            >
              Keep this desk’s change
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={busy}
              onClick={() => onResolve(conflict.conflictId, 'discard')}
            >
              Use central’s value
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
