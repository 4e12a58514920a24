import { Accordion, Button, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import {
  STATEMENT_CATEGORIES,
  STATEMENT_CATEGORY_LABELS,
  type StatementCategory,
} from '../../../../shared/exports';
import type { AccessStatement } from '../../../../shared/ipc/export-schemas';
import {
  REQUESTER_LANGUAGE_NAMES,
  REQUESTER_LANGUAGES,
  type RequesterLanguage,
} from '../../../../shared/requester-languages';
import { call, errorMessage } from '../../ipc';

type CategoryField = keyof AccessStatement['categories'][StatementCategory];

const CATEGORY_FIELDS: [CategoryField, string][] = [
  ['purposes', 'Why it is processed'],
  ['legalBasis', 'Legal basis'],
  ['recipients', 'Who receives it (empty: no one outside the company)'],
  ['retention', 'How long it is kept'],
  ['source', 'Where it comes from'],
];

/** What every access report tells the requester beside their data (Article 15(1) GDPR). */
export function AccessStatementForm() {
  const [statement, setStatement] = useState<AccessStatement | null>(null);
  const [language, setLanguage] = useState<RequesterLanguage>('en');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('exports:statement', { language }).then(setStatement, (error: unknown) =>
      notifications.show({
        color: 'red',
        title: 'Access report text',
        message: errorMessage(error),
      }),
    );
  }, [language]);
  if (!statement) return null;

  const setCategory = (category: StatementCategory, field: CategoryField, value: string) =>
    setStatement({
      ...statement,
      categories: {
        ...statement.categories,
        [category]: { ...statement.categories[category], [field]: value },
      },
    });

  async function save(next: AccessStatement) {
    setBusy(true);
    try {
      setStatement(await call('exports:save-statement', { ...next, language }));
      notifications.show({ color: 'green', message: 'Access report text saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const text = (
    label: string,
    field:
      'controller' | 'dpoContact' | 'supervisoryAuthority' | 'transfers' | 'automatedDecisions',
  ) => (
    <Textarea
      label={label}
      autosize
      minRows={1}
      value={statement[field]}
      onChange={(e) => setStatement({ ...statement, [field]: e.currentTarget.value })}
    />
  );

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb={4}>
        Access report
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        What each access report says beside the data: purposes, recipients, retention and source for
        each kind of data, and how to complain.
      </Text>
      <Stack gap="sm">
        <Select
          label="Language of this text"
          description="Each requester reads the report in their language; write the text once per language. Until you save it, the shipped example is used and exports warn."
          data={REQUESTER_LANGUAGES.map((l) => ({ value: l, label: REQUESTER_LANGUAGE_NAMES[l] }))}
          value={language}
          onChange={(value) => value && setLanguage(value)}
          allowDeselect={false}
          w={320}
        />
        {text('Controller and how to reach them', 'controller')}
        {text('Data protection officer (optional)', 'dpoContact')}
        {text('Supervisory authority', 'supervisoryAuthority')}
        {text('Transfers outside the country (optional)', 'transfers')}
        {text('Automated decisions (empty: none)', 'automatedDecisions')}
        <Accordion variant="separated">
          {STATEMENT_CATEGORIES.map((category) => (
            <Accordion.Item key={category} value={category}>
              <Accordion.Control>{STATEMENT_CATEGORY_LABELS[category]}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {CATEGORY_FIELDS.map(([field, label]) => (
                    <Textarea
                      key={field}
                      label={label}
                      autosize
                      minRows={1}
                      value={statement.categories[category][field]}
                      onChange={(e) => setCategory(category, field, e.currentTarget.value)}
                    />
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <Button w="fit-content" loading={busy} onClick={() => void save(statement)}>
          Save access report text
        </Button>
      </Stack>
    </Paper>
  );
}
