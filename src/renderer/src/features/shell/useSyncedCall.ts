import { useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../../shared/ipc/contract';
import type { Channel } from '../../../../shared/ipc/names';
import { call, errorMessage, useEvent } from '../../ipc';

/**
 * What a screen shows of one record: loaded when the input changes and again after every finished
 * sync (which may have confirmed a pending change or brought a newer version). Late answers for an
 * input no longer shown are dropped. `setValue` takes the record an action returned.
 */
export function useSyncedCall<C extends Channel>(channel: C, input: Input<C>) {
  // Bumped after each finished sync, and by `reload` when an action changed what is shown.
  const [loads, setLoads] = useState(0);
  useEvent('sync:state-changed', (overview) => {
    if (overview.state === 'idle') setLoads((n) => n + 1);
  });
  const [state, setState] = useState<{ value: Output<C> | null; error: string | null }>({
    value: null,
    error: null,
  });
  // The input is compared by content, so callers can pass a fresh object literal each render.
  const key = JSON.stringify(input);
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  });
  useEffect(() => {
    let live = true;
    call(channel, latest.current).then(
      (value) => {
        if (live) setState({ value, error: null });
      },
      (failure: unknown) => {
        if (live) setState((s) => ({ ...s, error: errorMessage(failure) }));
      },
    );
    return () => {
      live = false;
    };
  }, [channel, key, loads]);
  return {
    value: state.value,
    error: state.error,
    setValue: (value: Output<C>) => setState({ value, error: null }),
    reload: () => setLoads((n) => n + 1),
  };
}
