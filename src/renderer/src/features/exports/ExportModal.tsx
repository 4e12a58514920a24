import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Progress,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type ExportContainer,
  type ExportFormat,
  type ExportPreview,
  type ExportProgress,
  type ExportRecord,
  type PackageContents,
} from '../../../../shared/exports';
import { call, errorMessage, useEvent } from '../../ipc';
import { toRedactions, type WithholdingDraft } from './redaction-draft';
import { useExportActions } from './useExportActions';
import { WithholdPanel } from './WithholdPanel';
import { PackageContentsView } from './PackageContentsView';

interface Props {
  caseId: string;
  onClose: () => void;
  onWritten: (record: ExportRecord) => void;
}

/**
 * Prepares one export: formats, folder or (encrypted) archive, what to withhold; then writes it.
 * Mounted only while open, so each export starts from a clean form.
 */
export function ExportModal({ caseId, onClose, onWritten }: Props) {
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [formats, setFormats] = useState<ExportFormat[]>([]);
  const [container, setContainer] = useState<ExportContainer>('folder');
  const [protect, setProtect] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [draft, setDraft] = useState<WithholdingDraft>({});
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [written, setWritten] = useState<ExportRecord | null>(null);
  const [proposed, setProposed] = useState<PackageContents | null>(null);

  useEffect(() => {
    call('exports:preview', { caseId }).then(
      (p) => {
        setPreview(p);
        setFormats(p.defaultFormats);
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, [caseId]);

  useEvent('exports:progress', (p) => {
    if (p.caseId === caseId) setProgress(p);
  });

  const passwordProblem =
    container === 'zip' && protect
      ? password.length < 12
        ? 'Use at least 12 characters.'
        : password !== repeat
          ? 'The two passwords differ.'
          : null
      : null;

  /** Sends what the package holds and withholds to central, for a second officer to approve. */
  async function propose() {
    const { redactions, missingReason } = toRedactions(draft);
    if (missingReason.length > 0) {
      setProblem(`Give a reason for what you withhold from: ${missingReason.join(', ')}.`);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setProposed((await call('exports:propose', { caseId, redactions })).contents);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function write() {
    const { redactions, missingReason } = toRedactions(draft);
    if (missingReason.length > 0) {
      setProblem(`Give a reason for what you withhold from: ${missingReason.join(', ')}.`);
      return;
    }
    setBusy(true);
    setProblem(null);
    setProgress(null);
    try {
      const record = await call('exports:create', {
        caseId,
        formats,
        container,
        password: container === 'zip' && protect ? password : null,
        redactions,
      });
      if (record) {
        setWritten(record);
        onWritten(record);
      }
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
      setPassword('');
      setRepeat('');
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title="Export for the requester"
      size="xl"
      closeOnClickOutside={!busy}
    >
      {!preview && !problem && <Loader aria-label="Loading what the export holds" />}
      {problem && (
        <Alert color="red" title="Not exported" mb="sm" role="alert">
          {problem}
        </Alert>
      )}
      {preview && written && <Written record={written} onClose={onClose} />}
      {preview && !written && (
        <Stack>
          {preview.blocker && !proposed && (
            <Alert color="yellow" title="Not yet">
              {preview.blocker}
              {preview.proposable &&
                ' Choose what to withhold, then propose the package: the approver approves exactly what it holds and withholds, and it is written once central has that approval.'}
            </Alert>
          )}
          {proposed && (
            <Alert color="green" title="Proposed for approval" data-testid="package-proposed">
              <Stack gap="xs">
                <Text size="sm">
                  Central has this package for approval. Once a second officer approved it (and this
                  desk synced), write it with exactly these choices; anything else needs a new
                  proposal.
                </Text>
                <PackageContentsView contents={proposed} />
              </Stack>
            </Alert>
          )}
          {preview.warnings.length > 0 && (
            <Alert color="orange" title="The requester would notice" data-testid="export-warnings">
              <Stack gap={4}>
                {preview.warnings.map((w) => (
                  <Text key={w} size="sm">
                    {w}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Text size="sm">
            {preview.customerIds.length} customer record(s): {preview.customerIds.join(', ')}{' '}
            (linked subjects and every record merged with them).
          </Text>
          <Text size="sm">
            Report, PDF and README in {preview.language.name}
            {preview.language.fromCase
              ? ' (chosen on the case)'
              : " (from the requester's country)"}
            .
          </Text>
          <Checkbox.Group label="Formats" value={formats} onChange={setFormats}>
            <Stack gap={6} mt={4}>
              {EXPORT_FORMATS.map((f) => (
                <Checkbox key={f} value={f} label={EXPORT_FORMAT_LABELS[f]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Radio.Group label="Write as" value={container} onChange={setContainer}>
            <Group mt={4}>
              <Radio value="folder" label="A folder" />
              <Radio value="zip" label="One .zip archive" />
            </Group>
          </Radio.Group>
          {container === 'zip' && (
            <Stack gap="xs">
              <Checkbox
                label="Protect the archive with a password (AES-256)"
                checked={protect}
                onChange={(e) => setProtect(e.currentTarget.checked)}
              />
              {protect && (
                <Group grow align="start">
                  <PasswordInput
                    label="Archive password"
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                  />
                  <PasswordInput
                    label="Repeat password"
                    value={repeat}
                    onChange={(e) => setRepeat(e.currentTarget.value)}
                    error={repeat !== '' ? passwordProblem : null}
                  />
                </Group>
              )}
            </Stack>
          )}
          <div>
            <Title order={4} size="h5" mb={4}>
              Withhold (third-party data)
            </Title>
            <WithholdPanel caseId={caseId} preview={preview} draft={draft} onChange={setDraft} />
          </div>
          {busy && progress && (
            <Stack gap={2}>
              <Progress
                value={progress.total > 0 ? (100 * progress.done) / progress.total : 0}
                aria-label="Export progress"
              />
              <Text size="xs" c="dimmed">
                {progress.phase} {progress.file ?? ''}
              </Text>
            </Stack>
          )}
          <Group justify="end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            {preview.proposable && (
              <Button variant="light" onClick={() => void propose()} loading={busy}>
                {proposed ? 'Propose again' : 'Propose this package for approval'}
              </Button>
            )}
            <Button
              onClick={() => void write()}
              loading={busy}
              disabled={
                preview.blocker !== null || formats.length === 0 || passwordProblem !== null
              }
            >
              Choose where and write
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Written({ record, onClose }: { record: ExportRecord; onClose: () => void }) {
  const { reveal } = useExportActions(() => undefined);
  return (
    <Stack>
      <Alert color="green" title="Export written">
        <Text size="sm" data-testid="written-path">
          {record.path}
        </Text>
        <Text size="sm">
          {record.files.length} files, {record.rows} rows. Manifest checksum (SHA-256):
        </Text>
        <Code block>{record.manifestSha256}</Code>
        {record.archiveSha256 && (
          <>
            <Text size="sm">Archive checksum (SHA-256):</Text>
            <Code block>{record.archiveSha256}</Code>
          </>
        )}
      </Alert>
      {record.encrypted && (
        <Alert color="blue" title="Sending an encrypted archive">
          Send the password by another route than the archive (a phone call or a text message). The
          recipient opens it with 7-Zip on Windows, Keka or The Unarchiver on macOS, or{' '}
          <Code>7z x</Code> on Linux; the unzip tools built into Windows and macOS cannot open
          AES-256 archives.
        </Alert>
      )}
      <Group justify="end">
        <Button variant="light" onClick={() => void reveal(record)}>
          Show in folder
        </Button>
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
