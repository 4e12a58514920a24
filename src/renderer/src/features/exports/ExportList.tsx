import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  List,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconCheck,
  IconCopy,
  IconFolderOpen,
  IconLock,
  IconShieldCheck,
} from '@tabler/icons-react';
import { Fragment } from 'react';
import type { ExportRecord } from '../../../../shared/exports';
import { formatBytes, shortHash } from './export-format';
import { useExportActions } from './useExportActions';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  exports: ExportRecord[];
  onChanged: () => void;
  /** Shown on the Exports screen, which lists every case's packages. */
  onOpenCase?: (caseId: string) => void;
}

/** Packages written on this desk: where, what, checksums, and whether they are still intact. */
export function ExportList({ exports, onChanged, onOpenCase }: Props) {
  const nameOf = useOfficerName();
  const { verify, reveal, checking, results } = useExportActions(onChanged);
  return (
    <Table striped verticalSpacing="xs" aria-label="Exports">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Written</Table.Th>
          {onOpenCase && <Table.Th>Case</Table.Th>}
          <Table.Th>Package</Table.Th>
          <Table.Th>Checksum (manifest)</Table.Th>
          <Table.Th>Last check</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {exports.map((e) => {
          const result = results[e.exportId];
          const problems = result?.files.filter((f) => f.status !== 'ok') ?? [];
          return (
            <Fragment key={e.exportId}>
              <Table.Tr data-testid="export-row">
                <Table.Td>
                  <Text size="sm">{new Date(e.createdAt).toLocaleString()}</Text>
                  <Text size="xs" c="dimmed">
                    by {nameOf(e.createdBy)}
                  </Text>
                </Table.Td>
                {onOpenCase && (
                  <Table.Td>
                    <Anchor component="button" onClick={() => onOpenCase(e.caseId)}>
                      {e.caseReference ?? 'Case'}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-all' }} data-testid="export-path">
                    {e.path}
                  </Text>
                  <Group gap={4} mt={2}>
                    {e.formats.map((f) => (
                      <Badge key={f} size="xs" variant="light">
                        {f}
                      </Badge>
                    ))}
                    <Badge
                      size="xs"
                      color="gray"
                      variant="outline"
                      leftSection={e.encrypted ? <IconLock size={10} /> : null}
                    >
                      {e.container === 'zip' ? (e.encrypted ? 'zip, AES-256' : 'zip') : 'folder'}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {e.files.length} files · {e.rows} rows · {formatBytes(e.bytes)}
                      {e.redactions.length > 0 ? ` · ${e.redactions.length} withheld` : ''}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" ff="monospace" title={e.manifestSha256}>
                      {shortHash(e.manifestSha256)}
                    </Text>
                    <CopyButton value={e.archiveSha256 ?? e.manifestSha256}>
                      {({ copied, copy }) => (
                        <Tooltip
                          label={
                            copied
                              ? 'Copied'
                              : e.archiveSha256
                                ? 'Copy the archive checksum'
                                : 'Copy the manifest checksum'
                          }
                        >
                          <ActionIcon
                            variant="subtle"
                            size="sm"
                            onClick={copy}
                            aria-label="Copy checksum"
                          >
                            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </CopyButton>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {e.lastVerification ? (
                    <Badge
                      color={e.lastVerification.ok ? 'green' : 'red'}
                      data-testid="export-check"
                    >
                      {e.lastVerification.ok ? 'Intact' : 'Changed'}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed">
                      Not checked
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconShieldCheck size={14} />}
                      loading={checking === e.exportId}
                      onClick={() => void verify(e)}
                    >
                      Verify
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconFolderOpen size={14} />}
                      onClick={() => void reveal(e)}
                    >
                      Show in folder
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
              {problems.length > 0 && (
                <Table.Tr>
                  <Table.Td colSpan={onOpenCase ? 6 : 5}>
                    <List size="sm" c="red" data-testid="export-problems">
                      {problems.map((f) => (
                        <List.Item key={f.name}>
                          {f.name}:{' '}
                          {f.status === 'modified'
                            ? 'changed since it was written'
                            : f.status === 'missing'
                              ? 'missing'
                              : 'not part of the package'}
                        </List.Item>
                      ))}
                    </List>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
