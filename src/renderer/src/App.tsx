import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { ScreenBoundary } from './features/diagnostics/ScreenBoundary';
import { AppLayout } from './features/shell/AppLayout';
import { TeamDirectoryProvider } from './features/team/TeamDirectory';
import { FirstRunScreen } from './features/workspace/FirstRunScreen';
import { UnlockScreen } from './features/workspace/UnlockScreen';
import { useWorkspaceStatus } from './features/workspace/useWorkspaceStatus';

/** The last line of defence: an error outside every screen's own boundary still gets a message. */
export function App() {
  return (
    <ScreenBoundary screen="app" label="Reflect Privacy Desk">
      <WorkspaceGate />
    </ScreenBoundary>
  );
}

/** The workspace state decides the screen: create one, unlock it, or work in it. */
function WorkspaceGate() {
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
      return (
        <ScreenBoundary screen="first-run" label="Create workspace">
          <FirstRunScreen status={status} onChange={setStatus} />
        </ScreenBoundary>
      );
    case 'locked':
      return (
        <ScreenBoundary screen="unlock" label="Unlock">
          <UnlockScreen status={status} onChange={setStatus} />
        </ScreenBoundary>
      );
    case 'unlocked':
      return (
        <TeamDirectoryProvider>
          <AppLayout status={status} onChange={setStatus} />
        </TeamDirectoryProvider>
      );
  }
}
