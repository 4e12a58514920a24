import { Badge, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Requester } from '../../../../shared/cases';
import type { SearchHit } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';

interface Props {
  requester: Requester;
  linked: ReadonlySet<number>;
  busy: boolean;
  onLink: (customerId: number) => void;
}

interface Suggestion {
  hit: SearchHit;
  /** Which of the requester's identities found it: "email anna@example.org". */
  because: string;
}

const NO_FILTERS = { statuses: [], tags: [], hasOpenCase: false };

/**
 * Finds the records this request is about: first from what the requester gave (each email,
 * phone and name searched as the Search screen would), then by any search the officer types.
 * A record is linked with its button, never by typing its number.
 */
export function SubjectFinder({ requester, linked, busy, onLink }: Props) {
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 250);
  const [found, setFound] = useState<{ query: string; hits: SearchHit[]; error: string | null }>({
    query: '',
    hits: [],
    error: null,
  });

  const identities = JSON.stringify(requester);
  useEffect(() => {
    let live = true;
    const given = JSON.parse(identities) as Requester;
    const asked = [
      ...given.emails.map((v) => ['email', v] as const),
      ...given.phones.map((v) => ['phone', v] as const),
      ...given.names.map((v) => ['name', v] as const),
    ].slice(0, 8);
    void Promise.all(
      asked.map(([kind, value]) =>
        call('search:query', { text: value, filters: NO_FILTERS, limit: 5 }).then(
          (results) => results.hits.map((hit) => ({ hit, because: `${kind} ${value}` })),
          () => [],
        ),
      ),
    ).then((lists) => {
      if (!live) return;
      const seen = new Set<number>();
      const merged: Suggestion[] = [];
      for (const suggestion of lists.flat()) {
        if (seen.has(suggestion.hit.customerId)) continue;
        seen.add(suggestion.hit.customerId);
        merged.push(suggestion);
      }
      setSuggestions(merged.slice(0, 6));
    });
    return () => {
      live = false;
    };
  }, [identities]);

  useEffect(() => {
    if (query.length === 0) return;
    let live = true;
    call('search:query', { text: query, filters: NO_FILTERS, limit: 10 }).then(
      (results) => {
        if (live) setFound({ query, hits: results.hits, error: results.hint });
      },
      (error: unknown) => {
        if (live) setFound({ query, hits: [], error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [query]);

  const unlinked = (suggestions ?? []).filter((s) => !linked.has(s.hit.customerId));
  const shownHits = query.length > 0 && found.query === query ? found.hits : [];
  return (
    <Stack gap="sm">
      <Stack gap={4} role="group" aria-label="Suggested records">
        <Text size="sm" fw={500}>
          Suggested from the request
        </Text>
        {suggestions === null ? (
          <Loader size="xs" aria-label="Looking for the requester’s records" />
        ) : unlinked.length === 0 ? (
          <Text size="sm" c="dimmed">
            {suggestions.length === 0
              ? 'No record matches the names, emails or phone numbers the requester gave. Search for the person below.'
              : 'Every record the requester’s details point to is linked.'}
          </Text>
        ) : (
          unlinked.map((s) => (
            <RecordLine
              key={s.hit.customerId}
              hit={s.hit}
              note={`found by ${s.because}`}
              busy={busy}
              onLink={onLink}
            />
          ))
        )}
      </Stack>
      <TextInput
        label="Find another record"
        description="Name, email, phone, address, customer or order number"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maxLength={200}
      />
      {query.length > 0 && found.query === query && (
        <Stack gap={4} role="group" aria-label="Records found">
          {found.error && shownHits.length === 0 && (
            <Text size="sm" c="dimmed">
              {found.error}
            </Text>
          )}
          {!found.error && shownHits.length === 0 && (
            <Text size="sm" c="dimmed">
              No record matches “{query}”.
            </Text>
          )}
          {shownHits.map((hit) => (
            <RecordLine
              key={hit.customerId}
              hit={hit}
              note={null}
              linked={linked.has(hit.customerId)}
              busy={busy}
              onLink={onLink}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RecordLine({
  hit,
  note,
  linked = false,
  busy,
  onLink,
}: {
  hit: SearchHit;
  note: string | null;
  linked?: boolean;
  busy: boolean;
  onLink: (customerId: number) => void;
}) {
  const details = [hit.email, hit.phone, hit.address].filter(Boolean).join(' · ');
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="subject-candidate">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {hit.name}
          </Text>
          <Text size="xs" c="dimmed">
            customer {hit.customerId}
          </Text>
          {hit.mergedInto !== null && (
            <Badge size="xs" color="gray">
              merged into {hit.mergedInto}
            </Badge>
          )}
        </Group>
        {details && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {details}
          </Text>
        )}
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
      <Button
        size="compact-sm"
        variant="light"
        disabled={busy || linked}
        aria-label={`Link ${hit.name} (customer ${hit.customerId})`}
        onClick={() => onLink(hit.customerId)}
        style={{ flexShrink: 0 }}
      >
        {linked ? 'Linked' : 'Link'}
      </Button>
    </Group>
  );
}
