import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { SearchFilters, SearchResults } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';

/** Time after the last keystroke before searching: typing stays smooth, each pause answers. */
const DEBOUNCE_MS = 150;

interface Answer {
  key: string;
  results: SearchResults | null;
  error: string | null;
}

/**
 * Results for what the officer is typing. An answer to an earlier query that arrives late is
 * dropped, so it never replaces the answer to the current one; the previous results stay on
 * screen while the next ones load, so the list does not flicker.
 */
export function useCustomerSearch(text: string, filters: SearchFilters, limit = 50) {
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = JSON.stringify([debounced, filters, limit]);
  const empty = debounced.trim() === '';

  useEffect(() => {
    if (empty) return;
    let current = true;
    const [queryText, queryFilters, queryLimit] = JSON.parse(key) as [
      string,
      SearchFilters,
      number,
    ];
    call('search:query', { text: queryText, filters: queryFilters, limit: queryLimit }).then(
      (results) => {
        if (current) setAnswer({ key, results, error: null });
      },
      (failure: unknown) => {
        if (current) setAnswer({ key, results: null, error: errorMessage(failure) });
      },
    );
    return () => {
      current = false;
    };
  }, [key, empty]);

  const answered = answer?.key === key;
  return {
    results: empty ? null : (answer?.results ?? null),
    error: !empty && answered ? (answer.error ?? null) : null,
    searching: !empty && (!answered || debounced !== text),
  };
}
