import { Badge, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { REQUEST_TYPE_LABELS, STATUS_LABELS, type CaseSummary } from '../../../../shared/cases';
import { call } from '../../ipc';
import { SCREENS, type ScreenId } from '../shell/screens';
import { Highlighted } from './Highlighted';
import { useCustomerSearch } from './useCustomerSearch';

const NO_FILTERS = { statuses: [], tags: [] };

interface Props {
  onOpen: (customerId: number) => void;
  onOpenCase: (caseId: string) => void;
  onOpenScreen: (screen: ScreenId) => void;
}

/** Cases whose reference or requester matches what was typed, soonest due first. */
function useCaseMatches(query: string): CaseSummary[] {
  const [text] = useDebouncedValue(query.trim().slice(0, 200), 200);
  const [found, setFound] = useState<{ text: string; cases: CaseSummary[] }>({
    text: '',
    cases: [],
  });
  useEffect(() => {
    if (text.length < 2) return;
    let live = true;
    call('cases:list', {
      filters: {
        statuses: [],
        requestTypes: [],
        jurisdictions: [],
        assignee: null,
        dueWithinDays: null,
        overdueOnly: false,
        text,
      },
    }).then(
      (list) => {
        if (live) setFound({ text, cases: list.cases.slice(0, 5) });
      },
      () => {
        if (live) setFound({ text, cases: [] });
      },
    );
    return () => {
      live = false;
    };
  }, [text]);
  return text.length >= 2 && found.text === text ? found.cases : [];
}

/**
 * Ctrl+K / Cmd+K from any screen: type, arrow to a person, a case or a screen, and Enter opens it.
 */
export function CustomerSpotlight({ onOpen, onOpenCase, onOpenScreen }: Props) {
  const [query, setQuery] = useState('');
  const { results } = useCustomerSearch(query, NO_FILTERS, 8);
  const hits = results?.hits ?? [];
  const cases = useCaseMatches(query);
  const typed = query.trim().toLowerCase();
  const screens =
    typed.length === 0 ? [] : SCREENS.filter((s) => s.label.toLowerCase().startsWith(typed));
  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      scrollable
      maxHeight={420}
    >
      <Spotlight.Search
        placeholder="Find a person, a case or a screen: name, email, phone, reference, number"
        leftSection={<IconSearch size={18} stroke={1.6} />}
        aria-label="Find a person"
      />
      <Spotlight.ActionsList>
        {screens.length > 0 && (
          <Spotlight.ActionsGroup label="Screens">
            {screens.map((screen) => (
              <Spotlight.Action
                key={screen.id}
                onClick={() => onOpenScreen(screen.id)}
                leftSection={<screen.icon size={18} stroke={1.6} />}
                label={`Go to ${screen.label}`}
                data-testid="spotlight-screen"
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {cases.length > 0 && (
          <Spotlight.ActionsGroup label="Cases">
            {cases.map((c) => (
              <Spotlight.Action
                key={c.caseId}
                onClick={() => onOpenCase(c.caseId)}
                data-testid="spotlight-case"
              >
                <Group wrap="nowrap" justify="space-between" w="100%">
                  <div>
                    <Text fw={600} size="sm">
                      {c.requesterName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.reference ?? 'No reference yet'} · {REQUEST_TYPE_LABELS[c.requestType]}
                    </Text>
                  </div>
                  <Badge variant="light" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {STATUS_LABELS[c.status]}
                  </Badge>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {hits.length > 0 && cases.length + screens.length > 0 && (
          <Text size="xs" c="dimmed" px="sm" pt="xs">
            People
          </Text>
        )}
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
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                customer {hit.customerId}
              </Text>
            </Group>
          </Spotlight.Action>
        ))}
        {query.trim() !== '' && results && hits.length + cases.length + screens.length === 0 && (
          <Spotlight.Empty>{results.hint ?? 'No person, case or screen matches.'}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
