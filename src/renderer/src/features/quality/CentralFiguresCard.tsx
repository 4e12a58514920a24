import { Alert, Button, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { CentralQuality } from '../../../../shared/quality';
import { ago, bytes, count, dateTime } from './quality-format';

interface Props {
  central: CentralQuality | null;
  problem: string | null;
  loading: boolean;
  onRefresh: () => void;
}

/** Sync lag per desk and the change log's size, as central tells them (or last told them). */
export function CentralFiguresCard({ central, problem, loading, onRefresh }: Props) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h4">
          Sync lag and change log
        </Title>
        <Button size="xs" variant="default" loading={loading} onClick={onRefresh}>
          Ask central again
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm" data-testid="central-as-of">
        {loading && !central
          ? 'Asking central…'
          : central
            ? central.live
              ? `From central, ${dateTime(central.asOf)}.`
              : `Last known at ${dateTime(central.asOf)}: central did not answer just now.`
            : 'Central has not given these figures to this desk yet.'}
      </Text>
      {problem ? (
        <Alert color={central ? 'yellow' : 'gray'} mb="sm">
          {problem}
        </Alert>
      ) : null}
      {central ? (
        <>
          <SimpleGrid cols={3} mb="md">
            <div>
              <Text size="sm" c="dimmed">
                Change-log entries
              </Text>
              <Text fw={700} data-testid="change-log-rows">
                {count(central.changeLog.rows)}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">
                Oldest entry kept
              </Text>
              <Text fw={700}>
                {central.changeLog.oldestAt ? ago(central.changeLog.oldestAt) : 'none'}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">
                Size on disk
              </Text>
              <Text fw={700}>{bytes(central.changeLog.bytes)}</Text>
            </div>
          </SimpleGrid>
          {central.desks.length === 0 ? (
            <Text>No desk has registered with central yet.</Text>
          ) : (
            <Table aria-label="Sync lag per desk">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Desk</Table.Th>
                  <Table.Th>Last pulled</Table.Th>
                  <Table.Th ta="right">Changes not pulled</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {central.desks.map((desk) => (
                  <Table.Tr key={desk.deskId}>
                    <Table.Td>
                      <Text size="sm">
                        {desk.officer ?? desk.login}
                        {desk.thisDesk ? (
                          <Text span size="xs" c="dimmed" ml={6}>
                            (this desk)
                          </Text>
                        ) : null}
                      </Text>
                      {desk.officer ? (
                        <Text size="xs" c="dimmed">
                          {desk.login}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {desk.lastSeenAt ? ago(desk.lastSeenAt, Date.parse(central.asOf)) : 'never'}
                    </Table.Td>
                    <Table.Td ta="right">
                      {desk.changesBehind === null ? '—' : count(desk.changesBehind)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      ) : null}
    </Card>
  );
}
