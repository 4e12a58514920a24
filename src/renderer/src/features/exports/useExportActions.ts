import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ExportRecord, PackageVerification } from '../../../../shared/exports';
import { call, errorMessage } from '../../ipc';

/** Re-verify a package and show it in the file manager, with the outcome said plainly. */
export function useExportActions(onVerified: () => void) {
  const [checking, setChecking] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, PackageVerification>>({});

  async function verify(record: ExportRecord) {
    setChecking(record.exportId);
    try {
      const result = await call('exports:verify', { exportId: record.exportId });
      setResults((r) => ({ ...r, [record.exportId]: result }));
      notifications.show({
        color: result.ok ? 'green' : 'red',
        title: result.ok ? 'Package intact' : 'Package changed',
        message: result.summary,
      });
      onVerified();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Cannot check', message: errorMessage(error) });
    } finally {
      setChecking(null);
    }
  }

  async function reveal(record: ExportRecord) {
    try {
      await call('exports:reveal', { exportId: record.exportId });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Cannot show it', message: errorMessage(error) });
    }
  }

  return { verify, reveal, checking, results };
}
