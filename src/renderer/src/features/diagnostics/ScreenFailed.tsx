import { Alert, Button, Center, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClipboard, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { call } from '../../ipc';
import { diagnosticText } from './diagnostic';
import type { ErrorDescription } from './error-reports';

interface Props {
  screen: string;
  label: string;
  error: ErrorDescription;
  time: Date;
  incident: string | null | undefined;
  onRetry: () => void;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Shown outside the app's frame (no navigation beside them), so nothing else can be opened. */
const STANDALONE = new Set(['app', 'first-run', 'unlock']);

/** What the officer sees in place of a screen that failed: what happened, what to do. */
export function ScreenFailed({ screen, label, error, time, incident, onRetry }: Props) {
  const [appVersion, setAppVersion] = useState<string | null>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => {
    call('app:info', {}).then(
      (info) => setAppVersion(info.version),
      () => setAppVersion(null),
    );
  }, []);
  const diagnostic = diagnosticText({
    error,
    screen,
    incident: incident ?? null,
    appVersion,
    time,
  });

  async function copyDiagnostic() {
    try {
      await navigator.clipboard.writeText(diagnostic);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  const standalone = STANDALONE.has(screen);
  const page = (
    <Stack maw={760} w="100%" data-testid="screen-failed">
      <Title order={2}>{label}</Title>
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle size={20} />}
        title={screen === 'app' ? 'The app stopped working' : `The ${label} screen stopped working`}
      >
        <Stack gap="xs">
          <Text size="sm">
            An error in the app stopped this screen. What you saved is safe; anything typed here and
            not saved yet is lost.{standalone ? '' : ' The other screens still work.'}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>Choose Try again to open the screen afresh.</List.Item>
            <List.Item>
              If it fails again, copy the diagnostic and send it to your IT support with what you
              were doing.
            </List.Item>
          </List>
          <Text size="sm">
            {incident === undefined ? (
              'Recording it in the log…'
            ) : incident === null ? (
              'It could not be recorded in the log.'
            ) : (
              <>
                Recorded in the log as incident <Code fw={700}>{incident}</Code>.
              </>
            )}
          </Text>
        </Stack>
      </Alert>
      <Group>
        <Button leftSection={<IconRefresh size={16} />} onClick={onRetry}>
          Try again
        </Button>
        <Button
          variant="default"
          leftSection={copy === 'copied' ? <IconCheck size={16} /> : <IconClipboard size={16} />}
          onClick={() => void copyDiagnostic()}
        >
          {copy === 'copied' ? 'Diagnostic copied' : 'Copy diagnostic'}
        </Button>
      </Group>
      {copy === 'failed' && (
        <Text size="sm" c="red" role="alert">
          The clipboard is not available. Select the diagnostic below and copy it.
        </Text>
      )}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          The diagnostic
        </Text>
        <Text size="xs" c="dimmed">
          It names the error, where in the app it happened, the version and the time. It holds no
          personal data and no secrets.
        </Text>
        <Code block aria-label="Diagnostic">
          {diagnostic}
        </Code>
      </Stack>
    </Stack>
  );
  return standalone ? (
    <Center mih="100vh" p="lg">
      {page}
    </Center>
  ) : (
    page
  );
}
