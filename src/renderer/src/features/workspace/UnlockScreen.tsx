import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { AppError } from '../../../../shared/errors';
import type { WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { GateCard } from './GateCard';
import { UNLOCK_PROBLEMS } from './unlock-problems';

interface Props {
  status: WorkspaceStatus;
  onChange: (status: WorkspaceStatus) => void;
}

interface Problem {
  title: string;
  message: string;
  canReset: boolean;
}

/** Unlock the workspace; every failure gets its own explanation and, where there is one, a way out. */
export function UnlockScreen({ status, onChange }: Props) {
  const workspace = status.workspace;
  const needsPassphrase = workspace?.keyMode === 'passphrase';
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function run(channel: 'workspace:unlock' | 'workspace:reset-replica') {
    setBusy(true);
    try {
      onChange(await call(channel, needsPassphrase ? { passphrase } : {}));
    } catch (error) {
      const known = error instanceof AppError ? UNLOCK_PROBLEMS[error.code] : undefined;
      setProblem({
        title: known?.title ?? 'The workspace did not open',
        message: errorMessage(error),
        canReset: known?.canReset ?? false,
      });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    void run('workspace:unlock');
  }

  return (
    <GateCard title={`Unlock ${workspace?.name ?? 'workspace'}`}>
      <Text size="sm" c="dimmed">
        {needsPassphrase
          ? 'This workspace is protected by a passphrase.'
          : 'The key of this workspace is kept in the OS keychain.'}
      </Text>
      <form onSubmit={submit}>
        <Stack mt="md">
          {problem && (
            <Alert color="red" title={problem.title} role="alert">
              <Stack gap="xs">
                <Text size="sm">{problem.message}</Text>
                {problem.canReset && (
                  <Group>
                    <Button
                      color="red"
                      variant="light"
                      size="xs"
                      loading={busy}
                      onClick={() => void run('workspace:reset-replica')}
                    >
                      Move the damaged replica aside and start a fresh one
                    </Button>
                  </Group>
                )}
              </Stack>
            </Alert>
          )}
          {needsPassphrase && (
            <PasswordInput
              label="Passphrase"
              value={passphrase}
              onChange={(event) => setPassphrase(event.currentTarget.value)}
              autoComplete="current-password"
              data-autofocus
              autoFocus
            />
          )}
          <Button type="submit" loading={busy} disabled={needsPassphrase && passphrase === ''}>
            Unlock
          </Button>
        </Stack>
      </form>
    </GateCard>
  );
}
