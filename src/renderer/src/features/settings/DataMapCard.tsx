import {
  Accordion,
  Alert,
  Badge,
  Code,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { DataMap, DataMapCheck } from '../../../../shared/datamap';
import { IDENTITY_ROLES } from '../../../../shared/datamap-terms';
import { useSyncedCall } from '../shell/useSyncedCall';
import { CATEGORY_WORDS, linkWords, ROLE_WORDS } from './data-map-words';
import { useOfficerName } from '../team/TeamDirectory';

/** Below this, discovery's guess is shown as one to review. */
const SURE = 0.7;

/**
 * Where the company's database keeps a person, as the administrator confirmed it, and whether
 * the database still matches it (checked on every sync). Read-only here: an administrator
 * changes the map with `reflect central map save`.
 */
export function DataMapCard() {
  const { value, error } = useSyncedCall('datamap:current', {});
  return (
    <Paper withBorder p="md" component="section" aria-label="Data map">
      <Title order={3} size="h4" mb="sm">
        Data map
      </Title>
      {error && (
        <Alert color="red" title="Cannot read the data map">
          {error}
        </Alert>
      )}
      {value?.current === null && (
        <Text size="sm" c="dimmed">
          No data map is in force on central: the desk works on Reflect&apos;s own customer tables.
          An administrator proposes a map of the company&apos;s database with{' '}
          <Code>reflect central discover</Code> and saves it with{' '}
          <Code>reflect central map save</Code>.
        </Text>
      )}
      {value?.current && <MapDetails check={value.current.check} map={value.current.map} />}
    </Paper>
  );
}

function MapDetails({ check, map }: { check: DataMapCheck; map: DataMap }) {
  const nameOf = useOfficerName();
  const blocking = check.findings.filter((f) => f.severity === 'blocking');
  const notices = check.findings.filter((f) => f.severity === 'notice');
  return (
    <Stack gap="sm">
      <Text size="sm">
        Version {check.version}, saved by {nameOf(check.savedBy)} on{' '}
        {new Date(check.savedAt).toLocaleString()}. Compared with the database at the last sync,{' '}
        {new Date(check.checkedAt).toLocaleString()}.
      </Text>
      {check.problem && (
        <Alert color="orange" title="Not compared at the last sync">
          {check.problem}
        </Alert>
      )}
      <TextsAlert
        color="red"
        title="The database no longer matches the map"
        texts={blocking.map((f) => f.text)}
        after="Ask an administrator to update the map (reflect central map diff lists every difference)."
      />
      <TextsAlert
        color="yellow"
        title="New in the database, not in the map"
        texts={notices.map((f) => f.text)}
      />
      <TextsAlert
        color="blue"
        title="Questions discovery left for the administrator"
        texts={map.questions.map((q) => q.text)}
      />
      {check.findings.length === 0 && !check.problem && (
        <Text size="sm" c="green">
          The database matches the map.
        </Text>
      )}
      <Title order={4} size="h5">
        The person: {map.subject.table}
      </Title>
      <Table aria-label="Where each part of a person's identity is kept" withRowBorders={false}>
        <Table.Tbody>
          {identityInOrder(map).map(([role, at]) => (
            <Table.Tr key={role}>
              <Table.Th scope="row" w="30%" fw={500} c="dimmed">
                {ROLE_WORDS[role]}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {at.table}.{at.column}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4} size="h5">
        {map.tables.length} tables
      </Title>
      <Accordion variant="separated" chevronPosition="left">
        {map.tables.map((table) => {
          const toReview = Object.values(table.columns).filter(
            (c) => (c.confidence ?? 1) < SURE,
          ).length;
          return (
            <Accordion.Item key={table.table} value={table.table}>
              <Accordion.Control aria-label={table.table}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={0}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {table.label ?? table.table}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {linkWords(table.link)}
                    </Text>
                  </Stack>
                  {toReview > 0 && (
                    <Badge color="yellow" variant="light" style={{ whiteSpace: 'nowrap' }}>
                      {toReview} to review
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Table aria-label={`Columns of ${table.table}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Column</Table.Th>
                      <Table.Th>Holds</Table.Th>
                      <Table.Th>Why</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {Object.entries(table.columns)
                      // Central keeps the map as jsonb, which does not keep key order.
                      .sort(([a], [b]) => a.localeCompare(b))
                      .map(([name, column]) => (
                        <Table.Tr key={name}>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>{name}</Table.Td>
                          <Table.Td>
                            {CATEGORY_WORDS[column.category]}
                            {(column.confidence ?? 1) < SURE && (
                              <Badge ml="xs" size="xs" color="yellow" variant="light">
                                review
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" c="dimmed">
                              {column.why ?? 'Set by an administrator'}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}

/** A list of sentences in an alert, or nothing when there are none. */
function TextsAlert({
  color,
  title,
  texts,
  after,
}: {
  color: string;
  title: string;
  texts: string[];
  after?: string;
}) {
  if (texts.length === 0) return null;
  return (
    <Alert color={color} title={title}>
      <List size="sm">
        {texts.map((text) => (
          <List.Item key={text}>{text}</List.Item>
        ))}
      </List>
      {after && (
        <Text size="sm" mt="xs">
          {after}
        </Text>
      )}
    </Alert>
  );
}

/** The identity roles in their usual order (names, contacts, then the address), not jsonb's. */
function identityInOrder(map: DataMap) {
  return IDENTITY_ROLES.flatMap((role) => {
    const at = map.subject.identity[role];
    return at ? [[role, at] as const] : [];
  });
}
