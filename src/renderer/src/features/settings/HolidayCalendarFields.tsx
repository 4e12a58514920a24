import { Alert, Fieldset, Grid, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type {
  CaseCalendars,
  HolidayCalendar,
  HolidayCalendarChoice,
  Jurisdiction,
} from '../../../../shared/cases';
import { call, errorMessage } from '../../ipc';

const LAWS: { law: Jurisdiction; title: string; why: string }[] = [
  {
    law: 'gdpr',
    title: 'GDPR deadlines',
    why: 'Public holidays of the Member State where your organisation answers requests (Regulation 1182/71).',
  },
  {
    law: 'ccpa',
    title: 'CCPA deadlines',
    why: 'Business days for confirming receipt and for opt-outs, and where a 45-day period ends.',
  },
];

/** Stands for "none" in a select, whose values are strings; no calendar code is a dash. */
const NONE = '-';
const orNull = (code: string | null): string | null =>
  code === null || code === NONE ? null : code;

interface Props {
  calendars: CaseCalendars;
  onChange: (calendars: CaseCalendars) => void;
}

/**
 * Whose working days count, for each law: a period ending on a Saturday, Sunday or public holiday
 * ends on the next working day, and business days skip the same days.
 */
export function HolidayCalendarFields({ calendars, onChange }: Props) {
  const [choices, setChoices] = useState<HolidayCalendarChoice[] | null>(null);
  useEffect(() => {
    call('cases:holiday-calendars', {}).then(setChoices, (error: unknown) =>
      notifications.show({
        color: 'red',
        title: 'Cannot list the holiday calendars',
        message: errorMessage(error),
      }),
    );
  }, []);
  if (!choices) return null;
  return (
    <Stack gap="md" role="group" aria-label="Working days and public holidays">
      <div>
        <Title order={4} size="h5">
          Working days and public holidays
        </Title>
        <Text size="sm" c="dimmed">
          A deadline that ends on a Saturday, Sunday or public holiday ends on the next working day.
          Choose the calendar that applies where your organisation works.
        </Text>
      </div>
      {LAWS.map(({ law, title, why }) => (
        <CalendarRow
          key={law}
          title={title}
          why={why}
          choices={choices}
          value={calendars[law]}
          onChange={(calendar) => onChange({ ...calendars, [law]: calendar })}
        />
      ))}
    </Stack>
  );
}

function CalendarRow(props: {
  title: string;
  why: string;
  choices: HolidayCalendarChoice[];
  value: HolidayCalendar | null;
  onChange: (calendar: HolidayCalendar | null) => void;
}) {
  const { title, why, choices, value, onChange } = props;
  const country = choices.find((c) => c.code === value?.country) ?? null;
  const state = country?.states.find((s) => s.code === value?.state) ?? null;
  const option = (o: { code: string; name: string }) => ({ value: o.code, label: o.name });
  return (
    <Fieldset legend={title} p="sm" pt={4}>
      {/* Country names are the longest ("United States of America"): their column is widest. */}
      <Grid gap="sm">
        <Grid.Col span={5}>
          <Select
            label="Country"
            aria-label={`${title}: country`}
            data={[{ value: NONE, label: 'None (weekends only)' }, ...choices.map(option)]}
            value={value?.country ?? NONE}
            onChange={(code) => {
              const picked = orNull(code);
              onChange(picked ? { country: picked, state: null, region: null } : null);
            }}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No country by that name"
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <Select
            label="State or region"
            aria-label={`${title}: state or region`}
            data={[{ value: NONE, label: 'Whole country' }, ...(country?.states.map(option) ?? [])]}
            value={value?.state ?? NONE}
            disabled={!value || !country || country.states.length === 0}
            onChange={(code) => value && onChange({ ...value, state: orNull(code), region: null })}
            searchable
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={3}>
          <Select
            label="Local area"
            aria-label={`${title}: local area`}
            data={[{ value: NONE, label: 'All areas' }, ...(state?.regions.map(option) ?? [])]}
            value={value?.region ?? NONE}
            disabled={!value || !state || state.regions.length === 0}
            onChange={(code) => value && onChange({ ...value, region: orNull(code) })}
            searchable
            allowDeselect={false}
          />
        </Grid.Col>
      </Grid>
      <Text size="xs" c="dimmed" mt={6}>
        {why}
      </Text>
      {value === null && (
        <Alert color="yellow" variant="light" p="xs" mt="xs">
          Public holidays are not counted: a deadline falling on one stays there. Choose a country
          to count them.
        </Alert>
      )}
    </Fieldset>
  );
}
