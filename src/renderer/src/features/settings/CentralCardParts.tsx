import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading of a Settings card read from central, with the way to read it again. */
export function CentralCardHeader({
  id,
  title,
  onReload,
}: {
  id: string;
  title: string;
  onReload: () => void;
}) {
  return (
    <Group justify="space-between" mb="xs">
      <Title order={3} size="h4" id={id}>
        {title}
      </Title>
      <Button size="xs" variant="subtle" onClick={onReload}>
        Reload from central
      </Button>
    </Group>
  );
}

/** Asks before an administrator removes something central keeps, saying what follows. */
export function ConfirmRemoval({
  title,
  children,
  busy,
  onRemove,
  onKeep,
}: {
  title: string;
  children: ReactNode;
  busy: boolean;
  onRemove: () => void;
  onKeep: () => void;
}) {
  return (
    <Alert color="orange" title={title}>
      <Stack gap="xs">
        <Text size="sm">{children}</Text>
        <Group>
          <Button color="red" size="xs" loading={busy} onClick={onRemove}>
            Remove it
          </Button>
          <Button size="xs" variant="subtle" onClick={onKeep}>
            Keep it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
