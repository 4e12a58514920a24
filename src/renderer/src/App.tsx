import { Center, Loader } from '@mantine/core';
import { AppLayout } from './features/shell/AppLayout';
import { FirstRunScreen } from './features/workspace/FirstRunScreen';
import { UnlockScreen } from './features/workspace/UnlockScreen';
import { useWorkspaceStatus } from './features/workspace/useWorkspaceStatus';

/** The workspace state decides the screen: create one, unlock it, or work in it. */
export function App() {
  const [status, setStatus] = useWorkspaceStatus();
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
