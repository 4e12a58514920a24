import { Badge, Radio, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  MERGE_FIELDS,
  type MergeField,
  type MergePlan,
  type MergeRecordView,
} from '../../../../shared/dedupe';
import { FIELD_LABELS } from './dedupe-labels';

export interface MergeChoice {
  survivorId: number;
  fields: Record<MergeField, number>;
}

const DIFFERS = { background: 'var(--mantine-color-yellow-light)' };

/**
 * The records side by side, a column each. Rows whose values differ are highlighted; for each
 * field the officer picks the record whose value the merged person keeps.
 */
export function ComparisonTable({
  plan,
  choice,
  onChange,
}: {
  plan: MergePlan;
  choice: MergeChoice;
  onChange: (choice: MergeChoice) => void;
}) {
  const { records } = plan;
  const row = (label: string, cell: (r: MergeRecordView) => ReactNode, values?: string[]) => {
    const differs = values !== undefined && new Set(values).size > 1;
    return (
      <Table.Tr key={label}>
        <Table.Th scope="row">{label}</Table.Th>
        {records.map((r) => (
          <Table.Td key={r.customerId} style={differs ? DIFFERS : undefined}>
            {cell(r)}
          </Table.Td>
        ))}
      </Table.Tr>
    );
  };
  const shown = (value: string | null) => value ?? '(empty)';
  return (
    <Table aria-label="Records side by side" withTableBorder withColumnBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          {records.map((r) => (
            <Table.Th key={r.customerId}>
              <Radio
                name="survivor"
                label={`Keep record #${r.customerId}`}
                checked={choice.survivorId === r.customerId}
                onChange={() => onChange({ ...choice, survivorId: r.customerId })}
              />
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {MERGE_FIELDS.map((field) =>
          row(
            FIELD_LABELS[field],
            (r) => (
              <Radio
                name={`field-${field}`}
                aria-label={`${FIELD_LABELS[field]} from #${r.customerId}`}
                label={
                  <>
                    {shown(r[field])}
                    {field === 'email' && r.emailVerified && (
                      <Badge ml={4} size="xs">
                        verified
                      </Badge>
                    )}
                    {field === 'phone' && r.phoneVerified && (
                      <Badge ml={4} size="xs">
                        verified
                      </Badge>
                    )}
                  </>
                }
                checked={choice.fields[field] === r.customerId}
                onChange={() =>
                  onChange({ ...choice, fields: { ...choice.fields, [field]: r.customerId } })
                }
              />
            ),
            records.map((r) => shown(r[field])),
          ),
        )}
        {row(
          'Addresses',
          (r) =>
            r.addresses.length === 0 ? (
              <Text c="dimmed">(none)</Text>
            ) : (
              r.addresses.map((a) => (
                <Text key={a.addressId} size="sm">
                  {a.kind}: {a.text}
                </Text>
              ))
            ),
          records.map((r) => r.addresses.map((a) => a.text).join('|')),
        )}
        {row(
          'History',
          (r) =>
            `${r.counts.orders} orders, ${r.counts.interactions} interactions, ${r.counts.events} events`,
        )}
        {row(
          'Consents',
          (r) =>
            r.consents.length === 0
              ? '(none)'
              : r.consents
                  .map((c) => `${c.purpose}: ${c.granted ? 'granted' : 'not granted'}`)
                  .join(', '),
          records.map((r) => r.consents.map((c) => `${c.purpose}:${c.granted}`).join(',')),
        )}
        {row(
          'Tags',
          (r) => r.tags.join(', ') || '(none)',
          records.map((r) => r.tags.join(',')),
        )}
        {row(
          'Restricted',
          (r) => (r.restricted ? 'yes' : 'no'),
          records.map((r) => String(r.restricted)),
        )}
        {row('Created', (r) => new Date(r.createdAt).toLocaleDateString())}
        {row(
          'Open cases',
          (r) => r.openCases.map((c) => c.reference ?? 'pending reference').join(', ') || '(none)',
        )}
      </Table.Tbody>
    </Table>
  );
}
