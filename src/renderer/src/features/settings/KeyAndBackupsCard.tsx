import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { BackupRecord, WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import {
  emptyProtection,
  NewPassphraseFields,
  passphraseProblem,
  ProtectionFields,
  protectionTarget,
  type ProtectionDraft,
} from '../workspace/ProtectionFields';
import { RestoreModal } from '../workspace/RestoreModal';
import { WorkingNote } from '../workspace/WorkingNote';

type Open = 'change-key' | 'backup' | 'restore' | null;

/** What the last action did, said inside the section (a notification would cover the Lock button). */
interface Notice {
  title: string;
  message: string;
}

/** How the workspace key is protected, changing it, and the workspace's backups. */
export function KeyAndBackupsCard({ status }: { status: WorkspaceStatus }) {
  const [open, setOpen] = useState<Open>(null);
  const [lastBackup, setLastBackup] = useState<BackupRecord | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const keyMode = status.workspace?.keyMode ?? 'keychain';

  const refresh = useCallback(() => {
    call('workspace:backup-info', {}).then(
      (info) => setLastBackup(info.lastBackup),
      () => setLastBackup(null),
    );
  }, []);
  useEffect(refresh, [refresh, status]);

  return (
    <Paper withBorder p="md" component="section" aria-label="Key and backups">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Key and backups
        </Title>
        <Table aria-label="Key and backups">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={180} scope="row">
                Key protection
              </Table.Th>
              <Table.Td>
                {keyMode === 'passphrase'
                  ? 'Passphrase (typed at every unlock)'
                  : 'OS keychain (opens without typing)'}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Last backup</Table.Th>
              <Table.Td>
                {lastBackup
                  ? `${new Date(lastBackup.at).toLocaleString()} (${lastBackup.customers.toLocaleString()} customers, ${formatSize(lastBackup.bytes)})`
                  : 'Never backed up'}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          A backup is one file, encrypted with a passphrase of its own rather than this computer’s
          keychain, so it can be restored on another computer. Keep the passphrase apart from the
          file: without it, the backup cannot be restored. Test a restore now and then.
        </Text>
        {notice && (
          <Alert
            color="green"
            title={notice.title}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setNotice(null)}
          >
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {notice.message}
            </Text>
          </Alert>
        )}
        <Group gap="sm">
          <Button onClick={() => setOpen('backup')}>Back up now</Button>
          <Button variant="default" onClick={() => setOpen('change-key')}>
            Change key protection
          </Button>
          <Button variant="default" onClick={() => setOpen('restore')}>
            Restore from a backup
          </Button>
        </Group>
      </Stack>
      <ChangeKeyModal
        status={status}
        opened={open === 'change-key'}
        onClose={() => setOpen(null)}
        onChanged={(message) => {
          setOpen(null);
          setNotice({ title: 'New key in place', message });
        }}
      />
      <BackupModal
        opened={open === 'backup'}
        onClose={() => setOpen(null)}
        onWritten={(message) => {
          setOpen(null);
          setNotice({ title: 'Backup written', message });
          refresh();
        }}
      />
      <RestoreModal
        opened={open === 'restore'}
        status={status}
        onClose={() => setOpen(null)}
        onRestored={({ movedAsideTo }) => {
          setOpen(null);
          setNotice({
            title: 'Backup restored',
            message: movedAsideTo
              ? `The workspace it replaced is kept in ${movedAsideTo}.`
              : 'The workspace is open.',
          });
        }}
      />
    </Paper>
  );
}

function ChangeKeyModal({
  status,
  opened,
  onClose,
  onChanged,
}: {
  status: WorkspaceStatus;
  opened: boolean;
  onClose: () => void;
  onChanged: (message: string) => void;
}) {
  const current = status.workspace?.keyMode ?? 'keychain';
  const [draft, setDraft] = useState<ProtectionDraft>(emptyProtection(current));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setSubmitted(true);
    const target = protectionTarget(draft);
    if (target === null) return;
    setBusy(true);
    setProblem(null);
    try {
      await call('workspace:change-key', target);
      setDraft(emptyProtection(target.keyMode));
      setSubmitted(false);
      onChanged(
        target.keyMode === 'keychain'
          ? 'The workspace has a new key, kept in the OS keychain; the old key opens nothing any more.'
          : 'The workspace has a new key, derived from the new passphrase. Type it at the next unlock.',
      );
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const sameKeychain = draft.keyMode === 'keychain' && current === 'keychain';
  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title="Change key protection"
      size="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            The replica is re-encrypted with a new key; every record, case and audit entry stays. If
            the app stops half-way, the workspace opens with the old key or the new one at the next
            start, never with neither.
          </Text>
          {problem && (
            <Alert color="red" title="The key was not changed" role="alert">
              {problem}
            </Alert>
          )}
          <ProtectionFields
            label="Protect the key with"
            draft={draft}
            keychainAvailable={status.keychainAvailable}
            keychainDescription={
              current === 'keychain'
                ? 'A new random key replaces the one in the keychain (for example after a laptop was lent out).'
                : 'The operating system keeps the key; the workspace opens without typing anything.'
            }
            showErrors={submitted}
            onChange={setDraft}
          />
          {busy && <WorkingNote text="Re-encrypting the replica…" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {sameKeychain
                ? 'Make a new random key'
                : draft.keyMode === 'passphrase' && current === 'passphrase'
                  ? 'Change the passphrase'
                  : 'Change the protection'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function BackupModal({
  opened,
  onClose,
  onWritten,
}: {
  opened: boolean;
  onClose: () => void;
  onWritten: (message: string) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (passphraseProblem(passphrase, repeat) !== null) return;
    setBusy(true);
    setProblem(null);
    try {
      const written = await call('workspace:backup', { passphrase });
      if (written === null) return;
      setPassphrase('');
      setRepeat('');
      setSubmitted(false);
      onWritten(`${written.customers.toLocaleString()} customers backed up to ${written.path}.`);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title="Back up the workspace">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            The backup is protected by the passphrase you choose here, not by this computer’s
            keychain, so it can be restored anywhere. It holds personal data: keep it somewhere only
            you can reach, outside the workspace folder.
          </Text>
          {problem && (
            <Alert color="red" title="No backup was written" role="alert">
              {problem}
            </Alert>
          )}
          <NewPassphraseFields
            label="Backup passphrase"
            passphrase={passphrase}
            repeat={repeat}
            showErrors={submitted}
            onChange={(next) => {
              setPassphrase(next.passphrase);
              setRepeat(next.repeat);
            }}
          />
          {busy && <WorkingNote text="Writing the backup…" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Choose where and back up
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
