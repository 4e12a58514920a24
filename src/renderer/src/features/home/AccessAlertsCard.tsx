import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ALERT_TITLES, alertEvidenceLines, alertSummary } from '../../../../shared/alert-words';
import type { AccessAlert } from '../../../../shared/alerts';
import { KeyValueList } from '../../components/KeyValueList';
import { call, errorMessage } from '../../ipc';
import { useSyncedCall } from '../shell/useSyncedCall';
import { useOfficerName } from '../team/TeamDirectory';

const NOTE_LIMIT = 1000;
const time = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOfDay = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'short' });

/**
 * Alerts central raised on unusual access, for an approver or administrator (central shows them
 * to no one else, so for other logins there is nothing here and the card is not shown).
 */
export function AccessAlertsCard() {
  const { value: alerts, setValue } = useSyncedCall('alerts:list', {});
  if (!alerts || alerts.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="access-alerts-title">
      <Group gap="xs" mb="xs">
        <Title order={3} size="h4" id="access-alerts-title">
          Access alerts
        </Title>
        <Badge color="red" variant="light">
          {alerts.length} open
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Central measured the audit log against the alert rules. Look at what happened, then
        acknowledge each alert with a note saying what you found.
      </Text>
      <Stack gap="sm">
        {alerts.map((alert) => (
          <AlertItem key={alert.alertId} alert={alert} onAcknowledged={setValue} />
        ))}
      </Stack>
    </Paper>
  );
}

function AlertItem({
  alert,
  onAcknowledged,
}: {
  alert: AccessAlert;
  onAcknowledged: (open: AccessAlert[]) => void;
}) {
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = `alert-${alert.alertId}-title`;
  const name = useOfficerName()(alert.login);
  // The sentence names the person; the evidence keeps the login central measured.
  const named = { ...alert, login: name === alert.login ? name : `${name} (${alert.login})` };

  async function acknowledge() {
    setBusy(true);
    try {
      const left = await call('alerts:acknowledge', { alertId: alert.alertId, note });
      notifications.show({ color: 'green', message: `Alert ${alert.alertId} acknowledged.` });
      onAcknowledged(left);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not acknowledged', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={600} id={titleId}>
            {ALERT_TITLES[alert.rule]}
          </Text>
          <Text size="sm">{alertSummary(named, time, timeOfDay)}</Text>
        </Stack>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          Alert {alert.alertId}
        </Text>
      </Group>
      <KeyValueList
        value={alertEvidenceLines(alert)}
        label={`Evidence of alert ${alert.alertId}`}
      />
      {open ? (
        <Stack gap="xs" mt="xs">
          <Textarea
            label="What you found"
            description="Required. Kept centrally with the alert; the audit log records that you acknowledged it."
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={NOTE_LIMIT}
            autosize
            minRows={2}
            error={note.length >= NOTE_LIMIT ? `At most ${NOTE_LIMIT} characters.` : undefined}
          />
          <Group gap="xs">
            <Button
              size="xs"
              loading={busy}
              disabled={note.trim() === ''}
              onClick={() => void acknowledge()}
            >
              Acknowledge
            </Button>
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : (
        <Button size="xs" variant="light" mt="xs" onClick={() => setOpen(true)}>
          Acknowledge with a note
        </Button>
      )}
    </Paper>
  );
}
