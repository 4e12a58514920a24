import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import type { WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { WorkingNote } from './WorkingNote';
import {
  emptyProtection,
  ProtectionFields,
  protectionTarget,
  type ProtectionDraft,
} from './ProtectionFields';

interface Props {
  opened: boolean;
  status: WorkspaceStatus;
  onClose: () => void;
  onRestored: (result: { status: WorkspaceStatus; movedAsideTo: string | null }) => void;
}

/**
 * Restore a backup file: its passphrase, then how the restored workspace is protected on this
 * computer. The file is picked in the system dialog after the officer confirms.
 */
export function RestoreModal({ opened, status, onClose, onRestored }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [draft, setDraft] = useState<ProtectionDraft>(
    emptyProtection(status.keychainAvailable ? 'keychain' : 'passphrase'),
  );
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const hasWorkspace = status.workspace !== null;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setSubmitted(true);
    const target = protectionTarget(draft);
    if (passphrase === '' || target === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('workspace:restore', { passphrase, target });
      if (result === null) return;
      setPassphrase('');
      setDraft(emptyProtection(draft.keyMode));
      setSubmitted(false);
      onRestored(result);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title="Restore from a backup"
      size="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            {hasWorkspace
              ? `The workspace now on this computer (“${status.workspace?.name ?? ''}”) is moved into a folder of its own and kept, not deleted; the restored one takes its place once the backup has been checked.`
              : 'The restored workspace becomes this computer’s workspace.'}{' '}
            Work done since the backup comes back from the central database at the next sync;
            changes that were never synced are in the replaced workspace only.
          </Text>
          {problem && (
            <Alert color="red" title="The backup was not restored" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput
            label="Backup passphrase"
            description="The passphrase typed when the backup was made."
            value={passphrase}
            onChange={(event) => setPassphrase(event.currentTarget.value)}
            error={submitted && passphrase === '' ? 'Enter the backup passphrase.' : null}
            autoComplete="current-password"
            required
          />
          <ProtectionFields
            label="Protect the restored workspace with"
            draft={draft}
            keychainAvailable={status.keychainAvailable}
            keychainDescription="A new key is made and kept in this computer's keychain."
            showErrors={submitted}
            onChange={setDraft}
          />
          {busy && <WorkingNote text="Checking and restoring the backup…" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Choose the backup file and restore
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
