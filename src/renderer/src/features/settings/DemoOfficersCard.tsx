import { Alert, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { call, errorMessage } from '../../ipc';
import { useSyncedCall } from '../shell/useSyncedCall';

/**
 * In the demo workspace only: which of its two officers this desk works as, so a case can be
 * prepared by one and approved by the other, as central's four eyes require.
 */
export function DemoOfficersCard({ onChosen }: { onChosen: () => void }) {
  const { value, setValue } = useSyncedCall('demo:officers', {});
  const [busy, setBusy] = useState(false);
  const demo = value?.demo;
  if (!demo) return null;
  const current = demo.officers.find((o) => o.login === demo.current);

  async function choose(login: string) {
    setBusy(true);
    try {
      const next = await call('demo:choose-officer', { login });
      setValue({ demo: next });
      onChosen();
      const name = next.officers.find((o) => o.login === next.current)?.name ?? login;
      notifications.show({ color: 'green', message: `Working as ${name}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Demo officers">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Demo officers
        </Title>
        <Text size="sm">
          The demo&apos;s central database has two officers. A case one of them prepares needs the
          other&apos;s approval: work as one, then switch to approve as the other.
        </Text>
        <SegmentedControl
          aria-label="Working as"
          value={demo.current}
          disabled={busy}
          onChange={(login) => void choose(login)}
          data={demo.officers.map((o) => ({
            value: o.login,
            label: `${o.name} (${o.approver ? 'approves' : 'prepares'})`,
          }))}
        />
        {current && (
          <Alert color="blue" variant="light">
            This desk works as {current.name}, central login {current.login}.
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
