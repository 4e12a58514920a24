import { Button, Divider, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { WorkspaceStatus } from '../../../../shared/types';
import { RestoreModal } from './RestoreModal';

/**
 * Where an officer who lost their workspace (a new computer, a forgotten passphrase, a lost
 * keychain) looks first: the screens shown before a workspace opens.
 */
export function RestoreEntry({
  status,
  onChange,
}: {
  status: WorkspaceStatus;
  onChange: (status: WorkspaceStatus) => void;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Divider my="md" />
      <Text size="sm" c="dimmed">
        {status.workspace
          ? 'Lost the key or the passphrase of this workspace, or is it damaged?'
          : 'Moving to this computer, or starting again after a loss?'}
      </Text>
      <Button variant="subtle" px={0} onClick={() => setOpened(true)}>
        Restore from a backup file
      </Button>
      <RestoreModal
        opened={opened}
        status={status}
        onClose={() => setOpened(false)}
        onRestored={({ status: restored, movedAsideTo }) => {
          setOpened(false);
          if (movedAsideTo) {
            notifications.show({
              color: 'green',
              title: 'Backup restored',
              message: `The workspace it replaced is kept in ${movedAsideTo}.`,
              autoClose: 20_000,
            });
          }
          onChange(restored);
        }}
      />
    </>
  );
}
