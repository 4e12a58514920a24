import { Alert, Badge, Code, List, Stack, Table, Text } from '@mantine/core';
import type { ErasurePreview } from '../../../../shared/rights';
import { formatDay, strategyText, tableLabel } from './rights-labels';

const STRATEGY_COLOURS = { delete: 'red', anonymise: 'orange', retain: 'blue' } as const;

/** Central's dry run as the approver reads it: per table, how many rows and what happens. */
export function ErasurePlanView({ plan }: { plan: ErasurePreview }) {
  return (
    <Stack gap="xs" data-testid="erasure-plan">
      {!plan.complete && (
        <Alert color="red" title="This erasure cannot be carried out yet">
          <List size="sm">
            {plan.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {plan.missing.length > 0 && (
        <Text size="sm" c="dimmed">
          Already gone from the central database: customer {plan.missing.join(', ')}.
        </Text>
      )}
      <Table striped withTableBorder verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="38%">Data</Table.Th>
            <Table.Th ta="right" w="8%">
              Rows
            </Table.Th>
            <Table.Th>What happens</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.tables.map((t) => (
            <Table.Tr key={t.table}>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {tableLabel(t.table)}
                  </Text>
                  {t.samples[0] && <SampleLine sample={t.samples[0]} />}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">{t.applied?.rows ?? t.rows}</Table.Td>
              <Table.Td>
                <Stack gap={2} align="start">
                  <Badge variant="light" color={t.strategy ? STRATEGY_COLOURS[t.strategy] : 'gray'}>
                    {t.strategy ?? 'no policy'}
                  </Badge>
                  {t.strategy !== 'delete' && <Text size="sm">{strategyText(t)}</Text>}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {plan.subjects.length === 1 ? 'Customer' : 'Customers'} {plan.subjects.join(', ')} (with
        every record merged into them). Plan <Code>{plan.hash.slice(0, 12)}</Code>: an approval
        holds for exactly this plan.
      </Text>
    </Stack>
  );
}

/** The first row of a table in a few readable values, so the officer recognises the person's data. */
function SampleLine({ sample }: { sample: Record<string, unknown> }) {
  const shown = Object.entries(sample)
    .filter(([k]) => !k.endsWith('_id') && k !== 'version')
    .flatMap(([k, v]) => {
      const text = readable(v);
      return text === null ? [] : [`${k.replace(/_/g, ' ')}: ${text}`];
    })
    .slice(0, 4);
  return (
    <Text size="xs" c="dimmed" lineClamp={2}>
      e.g. {shown.join(' · ')}
    </Text>
  );
}

/** Scalars as a person reads them; nested values (event metadata) are left to the profile. */
function readable(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDay(value);
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
