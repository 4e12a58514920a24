import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClipboard, IconFolderOpen } from '@tabler/icons-react';
import type { LogLocation } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';

/** Where the workspace's log is, what it holds, and the way to hand it to support. */
export function LogCard({ log }: { log: LogLocation | null }) {
  async function reveal() {
    try {
      await call('log:reveal', {});
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Cannot show the log',
        message: errorMessage(error),
      });
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Log">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Log
        </Title>
        <Text size="sm">
          Errors are written to a log file on this computer that only your user account can read. It
          holds error types, codes and incident numbers, never personal data or secrets, so it can
          be sent to IT support as it is.
        </Text>
        {log && (
          <>
            <Code
              block
              aria-label="Log file"
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            >
              {log.path}
            </Code>
            <Text size="xs" c="dimmed">
              Each file grows to {formatSize(log.maxBytes)}, then a new one starts; the{' '}
              {log.rotatedFiles} most recent full files are kept and older ones deleted.
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconFolderOpen size={14} />}
                onClick={() => void reveal()}
              >
                Show in folder
              </Button>
              <CopyButton value={log.path}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={copied ? <IconCheck size={14} /> : <IconClipboard size={14} />}
                    onClick={copy}
                  >
                    {copied ? 'Path copied' : 'Copy path'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
