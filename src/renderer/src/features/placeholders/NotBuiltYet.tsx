import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ScreenInfo } from '../shell/screens';

/** Says plainly that a screen is not there yet: no fake data, no controls that do nothing. */
export function NotBuiltYet({ screen }: { screen: ScreenInfo }) {
  return (
    <Stack maw={720}>
      <Title order={2}>{screen.label}</Title>
      <Text>{screen.purpose}</Text>
      <Alert color="gray" title="Not built yet">
        This screen is not built yet.
      </Alert>
    </Stack>
  );
}
