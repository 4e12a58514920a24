import { Button, Group, NumberInput, Paper, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { CaseSettings } from '../../../../shared/ipc/contract';
import { call, errorMessage } from '../../ipc';
import { timeZoneChoices } from '../cases/time-zones';
import { HolidayCalendarFields } from './HolidayCalendarFields';

/**
 * This desk's case preferences: when a deadline counts as due soon and whose public holidays
 * move a deadline.
 */
export function CaseSettingsForm() {
  const [settings, setSettings] = useState<CaseSettings | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('cases:settings', {}).then(setSettings, (error: unknown) =>
      notifications.show({ color: 'red', title: 'Case settings', message: errorMessage(error) }),
    );
  }, []);
  if (!settings) return null;

  async function save(next: CaseSettings) {
    setBusy(true);
    try {
      // Only this form's fields: the organisation's details are saved by their own form.
      const current = await call('cases:settings', {});
      setSettings(
        await call('cases:save-settings', {
          ...current,
          dueSoonDays: next.dueSoonDays,
          defaultTimeZone: next.defaultTimeZone,
          calendars: next.calendars,
        }),
      );
      notifications.show({ color: 'green', message: 'Case settings saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Cases
      </Title>
      <Stack gap="sm">
        <Group grow>
          <NumberInput
            label="Due soon within (days)"
            min={1}
            max={60}
            allowDecimal={false}
            value={settings.dueSoonDays}
            onChange={(value) =>
              typeof value === 'number' && setSettings({ ...settings, dueSoonDays: value })
            }
          />
          <Select
            label="Usual time zone of receipt"
            data={timeZoneChoices(settings.defaultTimeZone)}
            value={settings.defaultTimeZone}
            onChange={(value) => value && setSettings({ ...settings, defaultTimeZone: value })}
            searchable
          />
        </Group>
        <HolidayCalendarFields
          calendars={settings.calendars}
          onChange={(calendars) => setSettings({ ...settings, calendars })}
        />
        <Button w="fit-content" loading={busy} onClick={() => void save(settings)}>
          Save case settings
        </Button>
      </Stack>
    </Paper>
  );
}
