import { Card, Text, UnstyledButton } from '@mantine/core';

interface Props {
  label: string;
  value: string;
  detail: string;
  /** What a click on the figure shows; absent when nothing is behind it. */
  onShow?: () => void;
  showLabel: string;
}

/** One figure; clicking it lists the records behind it. */
export function FigureCard({ label, value, detail, onShow, showLabel }: Props) {
  const body = (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </>
  );
  return (
    <Card withBorder p={0}>
      {onShow ? (
        <UnstyledButton p="md" onClick={onShow} aria-label={showLabel} h="100%">
          {body}
          <Text size="xs" c="blue" mt={4}>
            Show the records
          </Text>
        </UnstyledButton>
      ) : (
        <div style={{ padding: 'var(--mantine-spacing-md)' }}>{body}</div>
      )}
    </Card>
  );
}
