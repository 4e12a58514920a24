import { Alert, Button, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { AppError } from '../../../../shared/errors';
import type { KeyMode, WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { GateCard } from './GateCard';

const MIN_PASSPHRASE = 12;

interface Props {
  status: WorkspaceStatus;
  onChange: (status: WorkspaceStatus) => void;
}

/** First run: create the workspace and choose how its database key is protected. */
export function FirstRunScreen({ status, onChange }: Props) {
  const [name, setName] = useState('Privacy desk');
  const [keyMode, setKeyMode] = useState<KeyMode>(
    status.keychainAvailable ? 'keychain' : 'passphrase',
  );
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(
    status.keychainAvailable
      ? null
      : `The OS keychain is not available (${status.keychainProblem ?? 'no answer'}). Protect this workspace with a passphrase.`,
  );

  const passphraseError =
    keyMode === 'passphrase' && touched && passphrase.length < MIN_PASSPHRASE
      ? `Use at least ${MIN_PASSPHRASE} characters.`
      : null;
  const repeatError =
    keyMode === 'passphrase' && touched && repeat !== passphrase ? 'The passphrases differ.' : null;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setTouched(true);
    if (name.trim() === '') return;
    if (keyMode === 'passphrase' && (passphrase.length < MIN_PASSPHRASE || repeat !== passphrase))
      return;
    setBusy(true);
    try {
      onChange(
        await call('workspace:create', {
          name,
          keyMode,
          ...(keyMode === 'passphrase' ? { passphrase } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') {
        // Offered, not silent: the officer sees why and chooses a passphrase themselves.
        setKeyMode('passphrase');
        setTouched(false);
      }
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <GateCard title="Create your workspace">
      <Text size="sm" c="dimmed">
        A workspace is an encrypted copy of the customer database on this computer. Its key never
        leaves the OS keychain, or is derived from your passphrase.
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack mt="md">
          {problem && (
            <Alert color="orange" title="Cannot use the keychain" role="alert">
              {problem}
            </Alert>
          )}
          <TextInput
            label="Workspace name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={touched && name.trim() === '' ? 'Give the workspace a name.' : null}
            maxLength={80}
            required
          />
          <Radio.Group
            label="Protect the database key with"
            value={keyMode}
            onChange={(value) => setKeyMode(value === 'passphrase' ? 'passphrase' : 'keychain')}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="keychain"
                label="OS keychain (recommended)"
                description="The operating system keeps the key; the workspace opens without typing anything."
                disabled={!status.keychainAvailable}
              />
              <Radio
                value="passphrase"
                label="Passphrase"
                description="The key is derived from a passphrase you type at every unlock. If it is forgotten, the replica is lost and must be synced again."
              />
            </Stack>
          </Radio.Group>
          {keyMode === 'passphrase' && (
            <>
              <PasswordInput
                label="New passphrase"
                value={passphrase}
                onChange={(event) => setPassphrase(event.currentTarget.value)}
                error={passphraseError}
                autoComplete="new-password"
                required
              />
              <PasswordInput
                label="Repeat passphrase"
                value={repeat}
                onChange={(event) => setRepeat(event.currentTarget.value)}
                error={repeatError}
                autoComplete="new-password"
                required
              />
            </>
          )}
          <Button type="submit" loading={busy}>
            Create workspace
          </Button>
        </Stack>
      </form>
    </GateCard>
  );
}
