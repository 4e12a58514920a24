import { Alert } from '@mantine/core';

/** Stands where an action would be when the login's central role does not allow it. */
export function RoleNote({ text }: { text: string }) {
  return (
    <Alert color="gray" variant="light" p="xs" data-testid="role-note">
      {text}
    </Alert>
  );
}
