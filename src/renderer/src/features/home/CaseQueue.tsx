import { Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { REQUEST_TYPE_LABELS, STATUS_LABELS, type CaseSummary } from '../../../../shared/cases';
import { deadlineBadge, formatDay, STATUS_COLOURS } from '../cases/case-labels';

interface Props {
  title: string;
  cases: CaseSummary[];
  /** What an empty list means, and what to do, if anything. */
  empty: string;
  colour?: string;
  onOpen: (caseId: string) => void;
}

/** One list of the start screen: each case on a line of its own, opened with a click or Enter. */
export function CaseQueue({ title, cases, empty, colour, onOpen }: Props) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Badge color={cases.length > 0 ? (colour ?? 'blue') : 'gray'} variant="light">
          {cases.length}
        </Badge>
      </Group>
      {cases.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap={4}>
          {cases.map((c) => {
            const due = deadlineBadge(c.deadline);
            return (
              <UnstyledButton
                key={c.caseId}
                data-testid="home-case"
                onClick={() => onOpen(c.caseId)}
                aria-label={`Open ${c.reference ?? 'unnumbered case'} from ${c.requesterName}`}
                p={6}
                style={{ borderRadius: 4 }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {c.requesterName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.reference ?? 'No reference yet'} · {REQUEST_TYPE_LABELS[c.requestType]} ·
                      due {formatDay(c.deadline.dueDate)}
                    </Text>
                  </Stack>
                  <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                    <Badge color={due.colour} variant="light" style={{ whiteSpace: 'nowrap' }}>
                      {due.label}
                    </Badge>
                    <Badge
                      color={STATUS_COLOURS[c.status]}
                      variant="outline"
                      size="sm"
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {STATUS_LABELS[c.status]}
                    </Badge>
                  </Stack>
                </Group>
              </UnstyledButton>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
