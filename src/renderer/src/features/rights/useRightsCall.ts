import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../ipc';

/** Runs one right's action; central answers it now, so the officer sees its word at once. */
export function useRightsCall() {
  const [busy, setBusy] = useState(false);
  async function run<T>(work: () => Promise<T>, success: string): Promise<T | null> {
    setBusy(true);
    try {
      const value = await work();
      notifications.show({ color: 'green', message: success });
      return value;
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) });
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy };
}
