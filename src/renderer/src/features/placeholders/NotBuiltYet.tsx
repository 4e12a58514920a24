import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ScreenInfo } from '../shell/screens';

/** Says plainly that a screen is not there yet: no fake data, no controls that do nothing. */
export function NotBuiltYet({ screen }: { screen: ScreenInfo }) {
  return (
    <Stack maw={720}>
      <Title order={2}>{screen.label}</Title>
      <Text>{screen.purpose}</Text>
      {/* A note, not an alert: nothing went wrong, and screen readers should not interrupt. */}
      <Alert color="gray" role="note" title="Not built yet." />
    </Stack>
  );
}
