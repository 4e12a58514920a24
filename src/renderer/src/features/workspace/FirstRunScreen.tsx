import { Alert, Button, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { AppError } from '../../../../shared/errors';
import type { KeyMode, WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { DemoStartProgress } from './DemoStartProgress';
import { GateCard } from './GateCard';
import { RestoreEntry } from './RestoreEntry';

// Mirrors passphraseSchema in the contract, so the officer hears about it before main refuses.
const MIN_PASSPHRASE = 12;

interface Props {
  status: WorkspaceStatus;
  onChange: (status: WorkspaceStatus) => void;
}

interface Problem {
  title: string;
  message: string;
}

/** First run: create the workspace and choose how its database key is protected. */
export function FirstRunScreen({ status, onChange }: Props) {
  const [name, setName] = useState('Privacy desk');
  const [keyMode, setKeyMode] = useState<KeyMode>(
    status.keychainAvailable ? 'keychain' : 'passphrase',
  );
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  // Errors appear once a field has been left or the form submitted, not while typing the first letters.
  const [visited, setVisited] = useState({ name: false, passphrase: false, repeat: false });
  const [busy, setBusy] = useState(false);
  const [startingDemo, setStartingDemo] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const passphraseField = useRef<HTMLInputElement>(null);
  // Set when the app (not the officer) switches to passphrase mode; the field is focused once shown.
  const focusPassphrase = useRef(false);

  useEffect(() => {
    if (keyMode === 'passphrase' && focusPassphrase.current) {
      focusPassphrase.current = false;
      passphraseField.current?.focus();
    }
  }, [keyMode]);

  const nameError = name.trim() === '' ? 'Give the workspace a name.' : null;
  const passphraseError =
    keyMode === 'passphrase' && passphrase.length < MIN_PASSPHRASE
      ? `Use at least ${MIN_PASSPHRASE} characters.`
      : null;
  const repeatError =
    keyMode === 'passphrase' && repeat !== passphrase ? 'The passphrases differ.' : null;

  async function submit(event: SyntheticEvent, demo = false) {
    event.preventDefault();
    setVisited({ name: true, passphrase: true, repeat: true });
    if (nameError || passphraseError || repeatError) return;
    setBusy(true);
    setStartingDemo(demo);
    try {
      onChange(
        await call('workspace:create', {
          name,
          keyMode,
          ...(keyMode === 'passphrase' ? { passphrase } : {}),
          ...(demo ? { demo: true } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') {
        // Offered, not silent: the choice moves to passphrase and says why; keychain stays selectable.
        focusPassphrase.current = true;
        setKeyMode('passphrase');
        setVisited({ name: true, passphrase: false, repeat: false });
        setProblem({
          title: 'The keychain did not take the key',
          message: `${errorMessage(error)} Choose a passphrase below to protect this workspace instead.`,
        });
      } else {
        setProblem({ title: 'The workspace was not created', message: errorMessage(error) });
      }
    } finally {
      setBusy(false);
      setStartingDemo(false);
    }
  }

  const visit = (field: keyof typeof visited) => () =>
    setVisited((previous) => ({ ...previous, [field]: true }));

  return (
    <GateCard title="Create your workspace">
      <Text size="sm" c="dimmed">
        A workspace is an encrypted copy of the customer database on this computer. Its key is kept
        in the OS keychain, or derived from a passphrase you type at every unlock.
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack mt="md">
          {!status.keychainAvailable && (
            <Alert color="orange" role="note" title="The OS keychain is not available">
              {status.keychainProblem ?? 'The OS keychain did not answer.'} This workspace needs a
              passphrase instead.
            </Alert>
          )}
          {problem && (
            <Alert color="red" title={problem.title} role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput
            label="Workspace name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            onBlur={visit('name')}
            error={visited.name ? nameError : null}
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
                description={
                  status.keychainAvailable
                    ? 'The operating system keeps the key; the workspace opens without typing anything.'
                    : 'Not available on this computer right now.'
                }
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
                ref={passphraseField}
                label="New passphrase"
                description={`At least ${MIN_PASSPHRASE} characters.`}
                value={passphrase}
                onChange={(event) => setPassphrase(event.currentTarget.value)}
                onBlur={visit('passphrase')}
                error={visited.passphrase ? passphraseError : null}
                autoComplete="new-password"
                required
              />
              <PasswordInput
                label="Repeat passphrase"
                value={repeat}
                onChange={(event) => setRepeat(event.currentTarget.value)}
                onBlur={visit('repeat')}
                error={visited.repeat ? repeatError : null}
                autoComplete="new-password"
                required
              />
            </>
          )}
          <Button type="submit" loading={busy}>
            Create workspace
          </Button>
          <Button
            variant="light"
            loading={busy}
            onClick={(event) => void submit(event, true)}
            aria-describedby={startingDemo ? undefined : 'demo-explained'}
          >
            Try the demo workspace
          </Button>
          {startingDemo ? (
            <DemoStartProgress />
          ) : (
            <Text id="demo-explained" size="xs" c="dimmed">
              The demo syncs from a built-in central database holding a few thousand synthetic
              customers (some of them deliberate duplicates), so every screen has data at once.
            </Text>
          )}
        </Stack>
      </form>
      <RestoreEntry status={status} onChange={onChange} />
    </GateCard>
  );
}
