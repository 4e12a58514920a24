import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../ipc';

interface Organisation {
  organisationName: string;
  organisationAddress: string;
  dpoContact: string;
  signatory: string;
  currency: string;
}

/**
 * Who answers requesters: the name, address and DPO contact printed in every access report and
 * under every letter, and the person who signs. A letter cannot be saved as sent without a name
 * and a signatory.
 */
export function OrganisationForm() {
  const [form, setForm] = useState<Organisation | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('cases:settings', {}).then(
      (s) =>
        setForm({
          organisationName: s.organisationName,
          organisationAddress: s.organisationAddress ?? '',
          dpoContact: s.dpoContact ?? '',
          signatory: s.signatory ?? '',
          currency: s.currency ?? 'EUR',
        }),
      (error: unknown) =>
        notifications.show({ color: 'red', title: 'Organisation', message: errorMessage(error) }),
    );
  }, []);
  if (!form) return null;

  async function save(next: Organisation) {
    setBusy(true);
    try {
      // Only these fields: the case preferences are saved by their own form.
      const current = await call('cases:settings', {});
      await call('cases:save-settings', {
        ...current,
        ...next,
        currency: next.currency.trim().toUpperCase(),
      });
      notifications.show({ color: 'green', message: 'Organisation saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof Organisation) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [key]: e.currentTarget.value }),
  });

  return (
    <Paper withBorder p="md" component="section" aria-label="Organisation">
      <Title order={3} size="h4" mb={4}>
        Organisation
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        What requesters read in every access report and under every letter. Until the name and the
        signatory are filled in, letters cannot be saved as sent and exports warn.
      </Text>
      <Stack gap="sm">
        <TextInput label="Name" required {...field('organisationName')} />
        <Textarea label="Postal address" autosize minRows={2} {...field('organisationAddress')} />
        <Textarea
          label="Data protection officer (name, email, address)"
          autosize
          minRows={1}
          {...field('dpoContact')}
        />
        <Group grow align="start">
          <TextInput
            label="Signs the letters"
            description="Name and role, e.g. Anna Schmidt, Data Protection Officer"
            {...field('signatory')}
          />
          <TextInput
            label="Currency of amounts without one"
            description="ISO 4217 code, e.g. EUR"
            maxLength={3}
            {...field('currency')}
          />
        </Group>
        <Button w="fit-content" loading={busy} onClick={() => void save(form)}>
          Save organisation
        </Button>
      </Stack>
    </Paper>
  );
}
