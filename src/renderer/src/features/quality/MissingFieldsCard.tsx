import { BarChart } from '@mantine/charts';
import { Card, Table, Text, Title, UnstyledButton } from '@mantine/core';
import {
  CRITICAL_FIELD_LABELS,
  type FieldGap,
  type QualityMetric,
} from '../../../../shared/quality';
import { count, percent } from './quality-format';

interface Props {
  customers: number;
  missing: FieldGap[];
  onShow: (metric: QualityMetric) => void;
}

/** Per critical field, how many records lack it: a chart to compare, a table to click through. */
export function MissingFieldsCard({ customers, missing, onShow }: Props) {
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb={4}>
        Missing critical fields
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A value that is empty or only spaces counts as missing.
      </Text>
      {customers === 0 ? (
        <Text>There are no records in the replica yet: sync with central first.</Text>
      ) : (
        <>
          <BarChart
            h={200}
            data={missing.map((m) => ({
              field: CRITICAL_FIELD_LABELS[m.field],
              missing: Math.round(m.share * 1000) / 10,
            }))}
            dataKey="field"
            series={[{ name: 'missing', label: 'Missing (%)', color: 'orange.6' }]}
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            xAxisProps={{ domain: [0, 100] }}
            valueFormatter={(v) => `${v}%`}
            aria-label="Share of records missing each critical field"
          />
          <Table mt="sm" aria-label="Missing critical fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th ta="right">Records without it</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {missing.map((m) => (
                <Table.Tr key={m.field}>
                  <Table.Td>{CRITICAL_FIELD_LABELS[m.field]}</Table.Td>
                  <Table.Td ta="right">
                    {m.missing === 0 ? (
                      '0'
                    ) : (
                      <UnstyledButton
                        c="blue"
                        td="underline"
                        onClick={() => onShow(`missing:${m.field}`)}
                        aria-label={`Show the ${count(m.missing)} records without ${CRITICAL_FIELD_LABELS[m.field].toLowerCase()}`}
                      >
                        {count(m.missing)}
                      </UnstyledButton>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{percent(m.share)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
