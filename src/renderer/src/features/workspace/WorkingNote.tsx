import { Group, Loader, Text } from '@mantine/core';

/**
 * Shown while a long step runs in main (re-encrypting or copying the whole replica): the window
 * stays usable, and the officer knows it has not stopped.
 */
export function WorkingNote({ text }: { text: string }) {
  return (
    <Group gap="sm" role="status" aria-live="polite">
      <Loader size="sm" />
      <Text size="sm">
        {text} A large replica takes a while (about a second per 20,000 customers); do not close the
        app.
      </Text>
    </Group>
  );
}
