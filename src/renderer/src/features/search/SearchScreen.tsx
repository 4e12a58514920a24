import {
  Alert,
  Group,
  Loader,
  MultiSelect,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SearchFacets, SearchFilters } from '../../../../shared/types';
import { call } from '../../ipc';
import { SearchResultsTable } from './SearchResultsTable';
import { useCustomerSearch } from './useCustomerSearch';

export interface SearchState {
  text: string;
  filters: SearchFilters;
}

interface Props {
  state: SearchState;
  onChange: (state: SearchState) => void;
  onOpen: (customerId: number) => void;
}

/** One box for every identifier, filters, and ranked results with the matches marked. */
export function SearchScreen({ state, onChange, onOpen }: Props) {
  const [facets, setFacets] = useState<SearchFacets>({ statuses: [], tags: [] });
  const { results, error, searching } = useCustomerSearch(state.text, state.filters);

  useEffect(() => {
    call('search:facets', {}).then(setFacets, () => undefined);
  }, []);

  return (
    <Stack maw={1200}>
      <Title order={2}>Search</Title>
      <TextInput
        label="Find a person"
        description="Name, email, phone in any format, customer or order number, street or postcode. Typos are forgiven. Ctrl+K (⌘K) searches from anywhere."
        placeholder="e.g. Lea Bernard, 020 7946 0958, #1042"
        leftSection={<IconSearch size={16} />}
        rightSection={searching ? <Loader size="xs" /> : null}
        value={state.text}
        onChange={(event) => onChange({ ...state, text: event.currentTarget.value })}
        data-autofocus
        autoFocus
      />
      <Group grow align="flex-start">
        <MultiSelect
          label="Status"
          placeholder="Any status"
          data={facets.statuses}
          value={state.filters.statuses}
          onChange={(statuses) => onChange({ ...state, filters: { ...state.filters, statuses } })}
          clearable
        />
        <MultiSelect
          label="Tags"
          placeholder="Any tag"
          data={facets.tags}
          value={state.filters.tags}
          onChange={(tags) => onChange({ ...state, filters: { ...state.filters, tags } })}
          searchable
          clearable
        />
        <Switch
          label="Has an open case"
          checked={state.filters.hasOpenCase ?? false}
          onChange={(e) =>
            onChange({
              ...state,
              filters: { ...state.filters, hasOpenCase: e.currentTarget.checked },
            })
          }
          mt={30}
        />
      </Group>
      {error && (
        <Alert color="red" title="Search failed">
          {error}
        </Alert>
      )}
      {results?.hint && <Text c="dimmed">{results.hint}</Text>}
      {results && results.corrections.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="search-corrections">
          Also searched for{' '}
          {results.corrections.map((c) => `“${c.replacement}” (for “${c.word}”)`).join(', ')}.
        </Text>
      )}
      {results && !results.hint && results.hits.length === 0 && (
        <Text c="dimmed">No customer matches “{state.text.trim()}”.</Text>
      )}
      {results && results.hits.length > 0 && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {results.hits.length} shown
            {results.more ? '; more match, so add to the query to narrow it down' : ''}.
          </Text>
          <SearchResultsTable hits={results.hits} onOpen={onOpen} />
        </>
      )}
    </Stack>
  );
}
