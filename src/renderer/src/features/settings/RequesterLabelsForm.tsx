import { Accordion, Button, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { LabelEntry } from '../../../../shared/ipc/export-schemas';
import {
  REQUESTER_LANGUAGE_NAMES,
  REQUESTER_LANGUAGES,
  type RequesterLanguage,
} from '../../../../shared/requester-languages';
import { call, errorMessage } from '../../ipc';

/** table.orders → orders; column.orders.total_cents → orders; category.orders → categories. */
function groupOf(key: string): string {
  const [kind, table] = key.split('.');
  return kind === 'category' ? 'Categories of the access statement' : (table ?? key);
}

function fieldName(key: string): string {
  const parts = key.split('.');
  if (parts[0] === 'table') return 'Name of the table';
  if (parts[0] === 'tableInfo') return 'What the table holds';
  return parts.at(-1) ?? key;
}

/**
 * The names requesters read for each table, column and statement category, per language: the
 * shipped defaults, which the organisation may replace with its own words.
 */
export function RequesterLabelsForm() {
  const [language, setLanguage] = useState<RequesterLanguage>('en');
  const [entries, setEntries] = useState<LabelEntry[] | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('exports:labels', { language }).then(
      (loaded) => {
        setEntries(loaded);
        setDraft(Object.fromEntries(loaded.map((e) => [e.key, e.label ?? ''])));
      },
      (error: unknown) =>
        notifications.show({ color: 'red', title: 'Labels', message: errorMessage(error) }),
    );
  }, [language]);
  if (!entries) return null;

  async function save() {
    setBusy(true);
    try {
      const saved = await call('exports:save-labels', { language, labels: draft });
      setEntries(saved);
      notifications.show({ color: 'green', message: 'Labels saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const groups = [...new Set(entries.map((e) => groupOf(e.key)))];
  const renamed = (group: string) =>
    entries.filter((e) => groupOf(e.key) === group && (draft[e.key] ?? '').trim() !== '').length;
  return (
    <Paper withBorder p="md" component="section" aria-label="Labels in requester documents">
      <Title order={3} size="h4" mb={4}>
        Labels in requester documents
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The words the access report, its PDF and README use for each table and column. Leave a field
        empty to keep the default shown in it.
      </Text>
      <Stack gap="sm">
        <Select
          label="Language"
          data={REQUESTER_LANGUAGES.map((l) => ({ value: l, label: REQUESTER_LANGUAGE_NAMES[l] }))}
          value={language}
          onChange={(value) => value && setLanguage(value)}
          allowDeselect={false}
          w={320}
        />
        <Accordion variant="separated">
          {groups.map((group) => (
            <Accordion.Item key={group} value={group}>
              <Accordion.Control>
                {group}
                {renamed(group) > 0 ? ` (${renamed(group)} renamed)` : ''}
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {entries
                    .filter((e) => groupOf(e.key) === group)
                    .map((e) => (
                      <TextInput
                        key={e.key}
                        label={fieldName(e.key)}
                        placeholder={e.defaultLabel}
                        value={draft[e.key] ?? ''}
                        onChange={(event) =>
                          setDraft({ ...draft, [e.key]: event.currentTarget.value })
                        }
                      />
                    ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <Button w="fit-content" loading={busy} onClick={() => void save()}>
          Save labels
        </Button>
      </Stack>
    </Paper>
  );
}
