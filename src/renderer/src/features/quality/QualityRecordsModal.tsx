import { Alert, Button, Group, Loader, Modal, Pagination, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { QualityMetric, QualityRecordsPage } from '../../../../shared/quality';
import { call, errorMessage } from '../../ipc';
import { metricTitle } from './metric-labels';
import { count } from './quality-format';

const PAGE = 25;

interface Props {
  metric: QualityMetric | null;
  onClose: () => void;
  onOpenProfile: (customerId: number) => void;
}

/** The records behind one figure, a page at a time; each opens the person's profile. */
export function QualityRecordsModal({ metric, onClose, onOpenProfile }: Props) {
  return (
    <Modal
      opened={metric !== null}
      onClose={onClose}
      size="lg"
      title={metric === null ? '' : metricTitle(metric)}
    >
      {metric === null ? null : (
        // Keyed by the figure, so another figure starts again at its first page.
        <RecordList key={metric} metric={metric} onOpenProfile={onOpenProfile} />
      )}
    </Modal>
  );
}

function RecordList({
  metric,
  onOpenProfile,
}: {
  metric: QualityMetric;
  onOpenProfile: (customerId: number) => void;
}) {
  const [page, setPage] = useState(1);
  const [state, setState] = useState<{
    page: number;
    value: QualityRecordsPage | null;
    error: string | null;
  }>({ page: 0, value: null, error: null });
  useEffect(() => {
    let live = true;
    call('quality:records', { metric, offset: (page - 1) * PAGE, limit: PAGE }).then(
      (value) => live && setState({ page, value, error: null }),
      (failure: unknown) => live && setState({ page, value: null, error: errorMessage(failure) }),
    );
    return () => {
      live = false;
    };
  }, [metric, page]);
  const value = state.page === page ? state.value : null;
  return (
    <>
      {state.error ? (
        <Alert color="red" title="The records could not be listed">
          {state.error}
        </Alert>
      ) : !value ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">Finding the records…</Text>
        </Group>
      ) : value.total === 0 ? (
        <Text>No record is behind this figure now.</Text>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {count(value.total)} {value.total === 1 ? 'record' : 'records'}, in the order of their
            customer number. Opening one is recorded in the audit trail.
          </Text>
          <Table striped highlightOnHover aria-label="Records behind the figure">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.records.map((record) => (
                <Table.Tr key={record.customerId}>
                  <Table.Td>{record.customerId}</Table.Td>
                  <Table.Td>
                    {record.name === '' ? (
                      <Text span c="dimmed" fs="italic">
                        (no name)
                      </Text>
                    ) : (
                      record.name
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={`Open the profile of customer ${record.customerId}`}
                      onClick={() => onOpenProfile(record.customerId)}
                    >
                      Open profile
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {value.total > PAGE ? (
            <Pagination
              total={Math.ceil(value.total / PAGE)}
              value={page}
              onChange={setPage}
              aria-label="Pages of records"
            />
          ) : null}
        </Stack>
      )}
    </>
  );
}
