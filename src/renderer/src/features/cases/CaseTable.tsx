import { Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconCloudUpload } from '@tabler/icons-react';
import { REQUEST_TYPE_LABELS, STATUS_LABELS, type CaseSummary } from '../../../../shared/cases';
import { deadlineBadge, formatDay, STATUS_COLOURS } from './case-labels';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  cases: CaseSummary[];
  selected: Set<string>;
  onSelect: (selected: Set<string>) => void;
  onOpen: (caseId: string) => void;
}

/** Cases soonest due first; a row opens the case, the checkbox selects it for bulk actions. */
export function CaseTable({ cases, selected, onSelect, onOpen }: Props) {
  const nameOf = useOfficerName();
  const allSelected = cases.length > 0 && cases.every((c) => selected.has(c.caseId));
  const toggle = (caseId: string) => {
    const next = new Set(selected);
    if (next.has(caseId)) next.delete(caseId);
    else next.add(caseId);
    onSelect(next);
  };
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="Cases">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>
            <Checkbox
              aria-label="Select all shown cases"
              checked={allSelected}
              indeterminate={!allSelected && selected.size > 0}
              onChange={() =>
                onSelect(allSelected ? new Set() : new Set(cases.map((c) => c.caseId)))
              }
            />
          </Table.Th>
          <Table.Th>Reference</Table.Th>
          <Table.Th>Requester</Table.Th>
          <Table.Th>Request</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Due</Table.Th>
          <Table.Th>Assignee</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cases.map((c) => {
          const badge = deadlineBadge(c.deadline);
          return (
            <Table.Tr key={c.caseId} data-testid="case-row" style={{ cursor: 'pointer' }}>
              <Table.Td onClick={(e) => e.stopPropagation()}>
                <Checkbox
                  aria-label={`Select ${c.reference ?? c.requesterName}`}
                  checked={selected.has(c.caseId)}
                  onChange={() => toggle(c.caseId)}
                />
              </Table.Td>
              <Table.Td onClick={() => onOpen(c.caseId)}>
                <Group gap={6} wrap="nowrap">
                  <Text
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                  >
                    {c.reference ?? 'Not yet numbered'}
                  </Text>
                  {c.pending && (
                    <Tooltip label="Changed on this desk; central has not confirmed it yet">
                      <IconCloudUpload size={14} aria-label="Pending sync" />
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td onClick={() => onOpen(c.caseId)}>{c.requesterName}</Table.Td>
              <Table.Td onClick={() => onOpen(c.caseId)}>
                <Text size="sm">{REQUEST_TYPE_LABELS[c.requestType]}</Text>
                <Text size="xs" c="dimmed">
                  {c.jurisdiction.toUpperCase()}
                </Text>
              </Table.Td>
              <Table.Td onClick={() => onOpen(c.caseId)}>
                <Badge color={STATUS_COLOURS[c.status]} variant="light">
                  {STATUS_LABELS[c.status]}
                </Badge>
              </Table.Td>
              <Table.Td onClick={() => onOpen(c.caseId)}>
                <Text size="sm">{formatDay(c.deadline.dueDate)}</Text>
                <Badge size="xs" color={badge.colour} variant="dot">
                  {badge.label}
                </Badge>
              </Table.Td>
              <Table.Td onClick={() => onOpen(c.caseId)}>
                {c.assignee ? nameOf(c.assignee) : '—'}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
