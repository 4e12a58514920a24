import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ConflictView } from '../../../../shared/types';
import { humanKey } from '../../components/readable-values';
import { ConflictComparison } from './ConflictComparison';

/** What the desk had tried to do, in words; an unknown kind falls back to its own name. */
const KIND_LABELS: Record<string, string> = {
  'customer.rectify': 'Correction',
  'customer.merge': 'Merge',
  'customer.unmerge': 'Undone merge',
  'case.create': 'New case',
  'case.update': 'Case change',
  'case.transition': 'Case status',
};
const TABLE_LABELS: Record<string, string> = {
  customers: 'Customer',
  cases: 'Case',
  addresses: 'Address',
  consents: 'Consent',
};

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
              <Badge color="orange">{KIND_LABELS[conflict.kind] ?? humanKey(conflict.kind)}</Badge>
              <Text size="sm">
                {TABLE_LABELS[conflict.table] ?? humanKey(conflict.table)} {conflict.pk}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              raised {new Date(conflict.raisedAt).toLocaleString()}
            </Text>
          </Group>
          <ConflictComparison local={conflict.local} central={conflict.central} />
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
