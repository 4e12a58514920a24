import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useRef, useState, type SyntheticEvent } from 'react';
import { AppError } from '../../../../shared/errors';
import type { LockReason, WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { GateCard } from './GateCard';
import { RestoreEntry } from './RestoreEntry';
import { unlockProblem, type UnlockProblem } from './unlock-problems';

interface Props {
  status: WorkspaceStatus;
  onChange: (status: WorkspaceStatus) => void;
}

interface Failure {
  problem: UnlockProblem;
  details: string;
}

/** Why the desk locked itself; a lock the officer chose needs no explanation. */
const LOCKED_BECAUSE: Partial<Record<LockReason, string>> = {
  idle: 'The workspace locked itself because this computer was left unused. Anything running was stopped; start it again once unlocked.',
  'screen-locked':
    'The workspace locked when the screen was locked. Anything running was stopped; start it again once unlocked.',
  suspend:
    'The workspace locked when the computer went to sleep. Anything running was stopped; start it again once unlocked.',
};

/** Unlock the workspace; every failure gets its own explanation and, where there is one, a way out. */
export function UnlockScreen({ status, onChange }: Props) {
  const workspace = status.workspace;
  const needsPassphrase = workspace?.keyMode === 'passphrase';
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const passphraseField = useRef<HTMLInputElement>(null);

  async function run(channel: 'workspace:unlock' | 'workspace:reset-replica') {
    setBusy(true);
    try {
      onChange(await call(channel, needsPassphrase ? { passphrase } : {}));
    } catch (error) {
      const problem = unlockProblem(error instanceof AppError ? error.code : undefined);
      setFailure({ problem, details: errorMessage(error) });
      if (problem.retypePassphrase) passphraseField.current?.select();
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
      {status.lockedBecause && LOCKED_BECAUSE[status.lockedBecause] && (
        <Alert color="blue" role="status" mb="sm">
          {LOCKED_BECAUSE[status.lockedBecause]}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {needsPassphrase
          ? 'This workspace is protected by a passphrase.'
          : 'The key of this workspace is kept in the OS keychain.'}
      </Text>
      <form onSubmit={submit}>
        <Stack mt="md">
          {failure && (
            <Alert color="red" title={failure.problem.title} role="alert">
              <Stack gap="xs">
                <Text size="sm">{failure.problem.advice}</Text>
                <Text size="xs" c="dimmed">
                  Details: {failure.details}
                </Text>
                {failure.problem.canReset && (
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
              ref={passphraseField}
              label="Passphrase"
              value={passphrase}
              onChange={(event) => setPassphrase(event.currentTarget.value)}
              autoComplete="current-password"
              autoFocus
            />
          )}
          <Button
            type="submit"
            loading={busy}
            disabled={needsPassphrase && passphrase === ''}
            autoFocus={!needsPassphrase}
          >
            Unlock
          </Button>
        </Stack>
      </form>
      <RestoreEntry status={status} onChange={onChange} />
    </GateCard>
  );
}
