import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { AppLayout } from './features/shell/AppLayout';
import { FirstRunScreen } from './features/workspace/FirstRunScreen';
import { UnlockScreen } from './features/workspace/UnlockScreen';
import { useWorkspaceStatus } from './features/workspace/useWorkspaceStatus';

/** The workspace state decides the screen: create one, unlock it, or work in it. */
export function App() {
  const { status, loadError, reload, setStatus } = useWorkspaceStatus();
  if (loadError) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={480}>
          <Alert color="red" title="Cannot read the workspace">
            {loadError}
          </Alert>
          <Button onClick={reload}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!status) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  switch (status.state) {
    case 'none':
      return <FirstRunScreen status={status} onChange={setStatus} />;
    case 'locked':
      return <UnlockScreen status={status} onChange={setStatus} />;
    case 'unlocked':
      return <AppLayout status={status} onChange={setStatus} />;
  }
}
