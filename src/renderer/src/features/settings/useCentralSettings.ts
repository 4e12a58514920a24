import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../ipc';
import { useTwoStepCode } from '../access/useTwoStepCode';

export interface CentralReadFailure {
  /** No central database yet: the desk's ordinary first state, not a failure. */
  offline: boolean;
  text: string;
}

/**
 * What a Settings card kept on central shares: read when shown and on "Reload from central",
 * the reason when central cannot be read, and administrators' changes that ask for a two-step
 * code when central wants one and say how they ended.
 */
export function useCentralSettings<T>(read: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<CentralReadFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const { withCode, modal } = useTwoStepCode();
  const reader = useRef(read);
  useEffect(() => {
    reader.current = read;
  });

  const load = useCallback(() => {
    reader.current().then(
      (next) => {
        setFailure(null);
        setValue(next);
      },
      (error: unknown) =>
        setFailure({
          offline: error instanceof AppError && error.code === 'NOT_CONFIGURED',
          text: errorMessage(error),
        }),
    );
  }, []);
  useEffect(load, [load]);

  /** Runs a change (with a code if central asks), then `applied` with central's answer. */
  async function change<R>(
    work: (totp: string | undefined) => Promise<R>,
    done: string,
    applied: (result: R) => void,
    refusedTitle = 'Not changed',
  ): Promise<void> {
    setBusy(true);
    try {
      applied(await withCode(work));
      notifications.show({ color: 'green', message: done });
    } catch (error) {
      notifications.show({ color: 'red', title: refusedTitle, message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return { value, setValue, failure, load, busy, setBusy, change, modal };
}
