import {
  Accordion,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ExportPreview, ExportRowsPage, ExportTable } from '../../../../shared/exports';
import { call, errorMessage } from '../../ipc';
import { EMPTY_WITHHOLDING, type TableWithholding, type WithholdingDraft } from './redaction-draft';

interface Props {
  caseId: string;
  preview: ExportPreview;
  draft: WithholdingDraft;
  onChange: (draft: WithholdingDraft) => void;
}

/** Per table: fields to hide in every row, rows to leave out (third-party data), and the reason. */
export function WithholdPanel({ caseId, preview, draft, onChange }: Props) {
  const update = (table: ExportTable, patch: Partial<TableWithholding>) =>
    onChange({ ...draft, [table]: { ...EMPTY_WITHHOLDING, ...draft[table], ...patch } });
  return (
    <Accordion variant="separated" multiple>
      {preview.tables.map((t) => {
        const w = draft[t.table] ?? EMPTY_WITHHOLDING;
        const chosen = w.columns.length + w.rows.length;
        return (
          <Accordion.Item key={t.table} value={t.table}>
            <Accordion.Control disabled={t.rows === 0}>
              <Group justify="space-between" pr="sm">
                <Text size="sm">
                  {t.label} ({t.rows})
                </Text>
                {chosen > 0 && (
                  <Text size="xs" c="orange">
                    {w.columns.length > 0 ? `${w.columns.length} field(s)` : ''}
                    {w.columns.length > 0 && w.rows.length > 0 ? ', ' : ''}
                    {w.rows.length > 0 ? `${w.rows.length} row(s)` : ''} withheld
                  </Text>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <MultiSelect
                  label="Withhold these fields in every row"
                  data={t.columns.filter((c) => c !== t.key)}
                  value={w.columns}
                  onChange={(columns) => update(t.table, { columns })}
                  clearable
                />
                <RowPicker
                  caseId={caseId}
                  table={t.table}
                  keyColumn={t.key}
                  chosen={w.rows}
                  onChange={(rows) => update(t.table, { rows })}
                />
                <TextInput
                  label={`Why withhold from ${t.label}?`}
                  description="Recorded in the manifest and the audit trail; the withheld values are not."
                  placeholder="e.g. names a third party"
                  value={w.reason}
                  onChange={(e) => update(t.table, { reason: e.currentTarget.value })}
                  required={chosen > 0}
                />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}

const PAGE = 50;

/** Rows of one table, a page at a time, each with a box to leave it out. */
function RowPicker({
  caseId,
  table,
  keyColumn,
  chosen,
  onChange,
}: {
  caseId: string;
  table: ExportTable;
  keyColumn: string;
  chosen: string[];
  onChange: (rows: string[]) => void;
}) {
  const [page, setPage] = useState<ExportRowsPage | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(offset: number) {
    setBusy(true);
    try {
      const next = await call('exports:rows', { caseId, table, offset, limit: PAGE });
      setPage((prev) =>
        prev && offset > 0 ? { ...next, rows: [...prev.rows, ...next.rows] } : next,
      );
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Cannot load the rows',
        message: errorMessage(error),
      });
    } finally {
      setBusy(false);
    }
  }

  if (!page) {
    return (
      <Button variant="light" size="xs" w="fit-content" loading={busy} onClick={() => void load(0)}>
        Choose rows to withhold
      </Button>
    );
  }
  const shown = page.columns.slice(0, 6);
  return (
    <Stack gap={4}>
      <ScrollArea.Autosize mah={260}>
        <Table fz="xs" withTableBorder aria-label={`Rows of ${table}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Withhold</Table.Th>
              {shown.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.rows.map((row) => {
              const id = String(row[keyColumn]);
              return (
                <Table.Tr key={id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Withhold row ${id}`}
                      checked={chosen.includes(id)}
                      onChange={(e) =>
                        onChange(
                          e.currentTarget.checked
                            ? [...chosen, id]
                            : chosen.filter((r) => r !== id),
                        )
                      }
                    />
                  </Table.Td>
                  {shown.map((c) => (
                    <Table.Td key={c} maw={260} style={{ overflowWrap: 'anywhere' }}>
                      {String(row[c] ?? '')}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {page.rows.length < page.total && (
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          loading={busy}
          onClick={() => void load(page.rows.length)}
        >
          Show more ({page.total - page.rows.length} left)
        </Button>
      )}
    </Stack>
  );
}
