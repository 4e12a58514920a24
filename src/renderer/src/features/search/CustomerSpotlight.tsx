import { Group, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Highlighted } from './Highlighted';
import { useCustomerSearch } from './useCustomerSearch';

const NO_FILTERS = { statuses: [], tags: [] };

/** Ctrl+K / Cmd+K from any screen: type, arrow to a person, Enter opens the profile. */
export function CustomerSpotlight({ onOpen }: { onOpen: (customerId: number) => void }) {
  const [query, setQuery] = useState('');
  const { results } = useCustomerSearch(query, NO_FILTERS, 8);
  const hits = results?.hits ?? [];
  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      scrollable
      maxHeight={420}
    >
      <Spotlight.Search
        placeholder="Find a person: name, email, phone, customer or order number"
        leftSection={<IconSearch size={18} stroke={1.6} />}
        aria-label="Find a person"
      />
      <Spotlight.ActionsList>
        {hits.map((hit) => (
          <Spotlight.Action
            key={hit.customerId}
            onClick={() => onOpen(hit.customerId)}
            data-testid="spotlight-hit"
          >
            <Group wrap="nowrap" justify="space-between" w="100%">
              <div>
                <Text fw={600} size="sm">
                  <Highlighted text={hit.name} ranges={hit.highlights.name} />
                </Text>
                <Text size="xs" c="dimmed">
                  {[hit.email, hit.phone].filter(Boolean).join(' · ')}
                </Text>
              </div>
              <Text size="xs" c="dimmed">
                #{hit.customerId}
              </Text>
            </Group>
          </Spotlight.Action>
        ))}
        {query.trim() !== '' && results && hits.length === 0 && (
          <Spotlight.Empty>{results.hint ?? 'Nobody matches.'}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
