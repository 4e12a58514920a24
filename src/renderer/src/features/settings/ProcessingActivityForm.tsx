import {
  Button,
  Group,
  MultiSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { DATA_CATEGORIES } from '../../../../shared/datamap-terms';
import { STATEMENT_CATEGORIES, STATEMENT_CATEGORY_LABELS } from '../../../../shared/exports';
import {
  DATA_CATEGORY_LABELS,
  processingActivitySchema,
  type ProcessingActivity,
} from '../../../../shared/records';

const DATA_OPTIONS = DATA_CATEGORIES.filter((c) => c !== 'not_personal').map((c) => ({
  value: c,
  label: DATA_CATEGORY_LABELS[c],
}));
const SECTION_OPTIONS = STATEMENT_CATEGORIES.map((c) => ({
  value: c,
  label: STATEMENT_CATEGORY_LABELS[c],
}));

type TextField =
  | 'purposes'
  | 'legal_basis'
  | 'recipients'
  | 'transfers'
  | 'retention'
  | 'security_measures'
  | 'controller_contact'
  | 'dpo_contact';

const TEXTS: { field: TextField; label: string; description?: string; required?: boolean }[] = [
  { field: 'purposes', label: 'Purposes', required: true },
  { field: 'legal_basis', label: 'Legal basis', required: true },
  {
    field: 'recipients',
    label: 'Recipients',
    description: 'Who receives the data, processors included.',
  },
  {
    field: 'transfers',
    label: 'Transfers to third countries',
    description: 'Where to, and the safeguards (adequacy decision, standard contractual clauses).',
  },
  { field: 'retention', label: 'Retention', required: true },
  { field: 'security_measures', label: 'Security measures' },
  { field: 'controller_contact', label: 'Controller contact' },
  { field: 'dpo_contact', label: 'Data protection officer contact' },
];

/**
 * One activity of the records of processing. Checked with the same schema central's bounds
 * follow, so a problem is said here before anything is sent; central checks it again.
 */
export function ProcessingActivityForm({
  initial,
  isNew,
  busy,
  onSave,
  onCancel,
}: {
  initial: ProcessingActivity;
  isNew: boolean;
  busy: boolean;
  onSave: (activity: ProcessingActivity) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ProcessingActivity>(initial);
  const set = <K extends keyof ProcessingActivity>(key: K, value: ProcessingActivity[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const checked = processingActivitySchema.safeParse(draft);
  const problem = checked.success
    ? null
    : `${checked.error.issues[0]?.path.join('.') ?? ''}: ${checked.error.issues[0]?.message ?? ''}`;

  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Processing activity"
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Activity"
          required
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <TextInput
          label="Id"
          description={isNew ? 'Lower-case letters, digits and dashes.' : 'Fixed once saved.'}
          required
          disabled={!isNew}
          value={draft.activity_id}
          onChange={(e) => set('activity_id', e.currentTarget.value)}
        />
      </SimpleGrid>
      <TagsInput
        label="Categories of people"
        description="Press Enter after each."
        value={draft.subject_categories}
        onChange={(v) => set('subject_categories', v)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label="Categories of data"
          data={DATA_OPTIONS}
          value={draft.data_categories}
          onChange={(v) => set('data_categories', v)}
        />
        <MultiSelect
          label="Access report sections"
          description="What requesters read about these sections comes from this activity."
          data={SECTION_OPTIONS}
          value={draft.report_sections}
          onChange={(v) => set('report_sections', v)}
        />
      </SimpleGrid>
      {TEXTS.map((t) => (
        <Textarea
          key={t.field}
          label={t.label}
          description={t.description}
          required={t.required ?? false}
          autosize
          minRows={2}
          maxRows={8}
          value={draft[t.field]}
          onChange={(e) => set(t.field, e.currentTarget.value)}
        />
      ))}
      {Object.keys(draft.requester_text).length > 0 && (
        <Text size="xs" c="dimmed">
          Also holds requester text in {Object.keys(draft.requester_text).join(', ')}; it is kept as
          it is (edit it with reflect central records set).
        </Text>
      )}
      {problem && (
        <Text size="sm" c="red" role="status">
          {problem}
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          loading={busy}
          disabled={!checked.success}
          onClick={() => checked.success && onSave(checked.data)}
        >
          Save the activity
        </Button>
        <Button size="xs" variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
