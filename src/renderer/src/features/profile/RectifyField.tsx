import { Badge, Button, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { RectifiableField, SubjectProfile } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';
import { useRoleRefusal } from '../access/useDeskAccess';

interface Props {
  profile: SubjectProfile;
  field: RectifiableField;
  label: string;
  onRectified: (profile: SubjectProfile) => void;
}

/**
 * One identifying field with its rectification: edited in place, validated in main, queued for
 * central and marked pending until a sync confirms it.
 */
export function RectifyField({ profile, field, label, onRectified }: Props) {
  const current = profile.customer[field] ?? '';
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(current);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const pending = profile.pending.some((p) => p.state === 'pending' && p.fields.includes(field));
  const refused = profile.pending.some((p) => p.state === 'rejected' && p.fields.includes(field));
  const editable = profile.customer.mergedInto === null;
  const refusal = useRoleRefusal('change-records');

  async function save() {
    setSaving(true);
    try {
      onRectified(
        await call('subject:rectify', {
          customerId: profile.customer.customerId,
          field,
          value,
          baseVersion: profile.customer.version,
        }),
      );
      setEditing(false);
      setProblem(null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  if (editing) {
    return (
      <Group align="flex-start" gap="xs">
        <TextInput
          label={label}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={problem}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void save();
            if (event.key === 'Escape') setEditing(false);
          }}
          autoFocus
          miw={320}
        />
        <Button mt={25} onClick={() => void save()} loading={saving}>
          Save rectification
        </Button>
        <Button mt={25} variant="default" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" data-testid={`field-${field}`}>
      <Text size="sm" c="dimmed" w={60}>
        {label}
      </Text>
      <Text data-testid={`value-${field}`}>{current || '—'}</Text>
      {pending && (
        <Badge color="yellow" variant="light" size="sm">
          Pending sync
        </Badge>
      )}
      {refused && (
        <Badge color="red" variant="light" size="sm">
          Refused centrally: see Sync
        </Badge>
      )}
      {editable && refusal !== null && (
        <Tooltip label={refusal} multiline w={300}>
          <Button
            size="compact-xs"
            variant="subtle"
            data-disabled
            aria-disabled
            onClick={(e) => e.preventDefault()}
            aria-label={`Rectify ${label.toLowerCase()}`}
          >
            Rectify
          </Button>
        </Tooltip>
      )}
      {editable && refusal === null && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            setValue(current);
            setProblem(null);
            setEditing(true);
          }}
          aria-label={`Rectify ${label.toLowerCase()}`}
        >
          Rectify
        </Button>
      )}
    </Group>
  );
}
