import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the screens shown before a workspace is open. */
export function GateCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={480} component="main">
        <Stack gap={4} mb="sm">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            Reflect Privacy Desk
          </Text>
          <Title order={2}>{title}</Title>
        </Stack>
        {children}
      </Paper>
    </Center>
  );
}
