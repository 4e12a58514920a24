import { Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { AutoLockSettings } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';

const CHOICES = [
  { value: '1', label: 'After 1 minute' },
  { value: '5', label: 'After 5 minutes' },
  { value: '10', label: 'After 10 minutes (recommended)' },
  { value: '15', label: 'After 15 minutes' },
  { value: '30', label: 'After 30 minutes' },
  { value: '60', label: 'After 1 hour' },
  { value: 'never', label: 'Never (only when the screen locks or the computer sleeps)' },
];

/** When the desk locks itself: an unattended workstation must not stay open on personal data. */
export function AutoLockCard() {
  const [settings, setSettings] = useState<AutoLockSettings | null>(null);
  useEffect(() => {
    call('workspace:auto-lock', {}).then(setSettings, (error: unknown) =>
      notifications.show({ color: 'red', title: 'Locking', message: errorMessage(error) }),
    );
  }, []);

  async function choose(value: string | null) {
    if (value === null) return;
    try {
      const minutes = value === 'never' ? null : Number(value);
      setSettings(await call('workspace:set-auto-lock', { minutes }));
      notifications.show({ color: 'green', message: 'Locking setting saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
    }
  }

  const value = settings === null ? null : (settings.minutes?.toString() ?? 'never');
  // A value set from the command line may not be one of the choices; it is shown all the same.
  const data =
    value === null || CHOICES.some((c) => c.value === value)
      ? CHOICES
      : [...CHOICES, { value, label: `After ${value} minutes` }];
  return (
    <Paper withBorder p="md" component="section" aria-label="Locking">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Locking
        </Title>
        <Text size="sm">
          The workspace locks itself when this computer has had no keyboard or mouse input for the
          time below, when the screen is locked, and when the computer goes to sleep. Locking stops
          a running sync, duplicate check or export (start it again after unlocking) and removes the
          key from memory.
        </Text>
        <Select
          label="Lock when the computer is left unused"
          data={data}
          value={value}
          onChange={(next) => void choose(next)}
          allowDeselect={false}
          maw={420}
        />
      </Stack>
    </Paper>
  );
}
