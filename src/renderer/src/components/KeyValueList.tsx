import { Box, Table, Text } from '@mantine/core';
import { humanKey, isNested, readableScalar } from './readable-values';

interface Props {
  value: unknown;
  /** What a screen reader announces for the list. */
  label?: string;
  /** Nothing to show: what to say instead. */
  empty?: string;
}

/** Deeper than this, the rest is shown compactly: records are never that deep by design. */
const MAX_DEPTH = 4;

/**
 * A record's fields as label and value lines (keys in words, dates in the officer's locale,
 * yes/no for flags), nested records indented beneath their key. Never raw JSON.
 */
export function KeyValueList({ value, label, empty = 'Nothing recorded.' }: Props) {
  if (!isNested(value) || Object.keys(value).length === 0) {
    return (
      <Text size="sm" c={isNested(value) ? 'dimmed' : undefined}>
        {isNested(value) ? empty : readableScalar(value)}
      </Text>
    );
  }
  return <Lines value={value} label={label} depth={0} />;
}

function Lines({
  value,
  label,
  depth,
}: {
  value: Record<string, unknown> | unknown[];
  label?: string | undefined;
  depth: number;
}) {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`${i + 1}.`, v])
    : Object.entries(value);
  return (
    <Table
      withRowBorders={false}
      verticalSpacing={2}
      horizontalSpacing="xs"
      aria-label={label}
      data-testid="key-value-list"
      maw={depth === 0 ? 760 : undefined}
    >
      <Table.Tbody>
        {entries.map(([key, item]) => (
          <Table.Tr key={key}>
            <Table.Th
              scope="row"
              w={depth === 0 ? '30%' : '40%'}
              fw={500}
              fz="sm"
              c="dimmed"
              // Short keys ("Key mode") on one line even in a narrow column; long ones still wrap.
              style={{ verticalAlign: 'top', overflowWrap: 'anywhere', minWidth: '8em' }}
            >
              {Array.isArray(value) ? key : humanKey(key)}
            </Table.Th>
            <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
              {isNested(item) && depth < MAX_DEPTH ? (
                <Box ml={-8}>
                  <Lines value={item} depth={depth + 1} />
                </Box>
              ) : (
                readableScalar(item)
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
