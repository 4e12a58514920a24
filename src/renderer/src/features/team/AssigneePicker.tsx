import { Select, TextInput } from '@mantine/core';
import { useTeamDirectory } from './TeamDirectory';

interface Props {
  label: string;
  /** A central login, or earlier free text that names no login. */
  value: string;
  onChange: (value: string) => void;
  error?: string | null | undefined;
  w?: number;
}

/**
 * Chooses who works on a case from the team directory, by name. Before the desk has a directory
 * (never synced, or central has none) the login is typed, as before.
 */
export function AssigneePicker({ label, value, onChange, error, w }: Props) {
  const { overview } = useTeamDirectory();
  const members = (overview?.members ?? []).filter((m) => m.active);
  if (members.length === 0) {
    return (
      <TextInput
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        {...(w ? { w } : {})}
      />
    );
  }
  const known = members.some((m) => m.login === value);
  const data = [
    ...members.map((m) => ({ value: m.login, label: m.displayName })),
    // A case assigned before the directory existed keeps showing whom it was given to.
    ...(value && !known ? [{ value, label: value }] : []),
  ];
  return (
    <Select
      label={label}
      data={data}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      searchable
      clearable
      nothingFoundMessage="No one in the team directory by that name"
      error={error}
      {...(w ? { w } : {})}
    />
  );
}
