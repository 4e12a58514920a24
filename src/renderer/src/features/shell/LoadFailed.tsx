import { Alert, Button, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** The way back from a record's screen to the list it was opened from. */
export function BackButton({ label, onBack }: { label: string; onBack: () => void }) {
  return (
    <Button
      variant="subtle"
      leftSection={<IconArrowLeft size={16} />}
      onClick={onBack}
      w="fit-content"
    >
      {label}
    </Button>
  );
}

/** A screen whose record could not be loaded: the way back, and why. */
export function LoadFailed({
  title,
  message,
  back,
}: {
  title: string;
  message: string;
  back: ReactNode;
}) {
  return (
    <Stack maw={720}>
      {back}
      <Alert color="red" title={title}>
        {message}
      </Alert>
    </Stack>
  );
}
