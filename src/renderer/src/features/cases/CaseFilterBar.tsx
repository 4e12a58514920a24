import { Chip, Group, MultiSelect, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import {
  ALL_REQUEST_TYPES,
  CASE_STATUSES,
  JURISDICTIONS,
  REQUEST_TYPE_LABELS,
  STATUS_LABELS,
  type CaseFilters,
  type CaseList,
} from '../../../../shared/cases';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  filters: CaseFilters;
  list: CaseList | null;
  onChange: (filters: CaseFilters) => void;
}

/** Status chips carry counts over the other filters; the rest narrow the list further. */
export function CaseFilterBar({ filters, list, onChange }: Props) {
  const nameOf = useOfficerName();
  const set = (patch: Partial<CaseFilters>) => onChange({ ...filters, ...patch });
  return (
    <>
      <Chip.Group
        multiple
        value={filters.statuses}
        onChange={(values) => set({ statuses: values })}
      >
        <Group gap="xs" role="group" aria-label="Status">
          {CASE_STATUSES.map((status) => (
            <Chip key={status} value={status} size="xs">
              {STATUS_LABELS[status]} ({list?.byStatus[status] ?? 0})
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group gap="sm" align="end">
        <TextInput
          label="Reference or requester"
          value={filters.text}
          onChange={(e) => set({ text: e.currentTarget.value })}
          w={220}
        />
        <MultiSelect
          label="Request type"
          data={ALL_REQUEST_TYPES.map((t) => ({ value: t, label: REQUEST_TYPE_LABELS[t] }))}
          value={filters.requestTypes}
          onChange={(values) => set({ requestTypes: values })}
          clearable
          w={240}
        />
        <MultiSelect
          label="Law"
          data={JURISDICTIONS.map((j) => ({ value: j, label: j.toUpperCase() }))}
          value={filters.jurisdictions}
          onChange={(values) => set({ jurisdictions: values })}
          w={150}
        />
        <Select
          label="Assignee"
          data={[
            { value: '', label: 'Unassigned' },
            ...(list?.assignees ?? []).map((a) => ({ value: a, label: nameOf(a) })),
          ]}
          value={filters.assignee}
          onChange={(value) => set({ assignee: value })}
          clearable
          w={160}
        />
        <NumberInput
          label="Due within (days)"
          min={0}
          max={365}
          value={filters.dueWithinDays ?? ''}
          onChange={(value) => set({ dueWithinDays: typeof value === 'number' ? value : null })}
          w={140}
        />
        <Switch
          label="Overdue only"
          checked={filters.overdueOnly}
          onChange={(e) => set({ overdueOnly: e.currentTarget.checked })}
          mb={8}
        />
      </Group>
    </>
  );
}
