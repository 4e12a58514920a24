import { Button, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import { RECTIFIABLE_FIELDS, type RectifiableField } from '../../../../shared/rights';
import { call } from '../../ipc';
import { useRightsCall } from './useRightsCall';

const FIELD_LABELS: Record<RectifiableField, string> = {
  name: 'Full name',
  email: 'Email',
  phone: 'Phone',
  given_name: 'Given name',
  family_name: 'Family name',
  date_of_birth: 'Date of birth (YYYY-MM-DD)',
  national_id: 'National ID',
  customer_number: 'Customer number',
};

interface Props {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
}

/** Corrects identity fields of one subject with the requester's evidence; blank fields stay as they are. */
export function RectifySection({ detail, onChange }: Props) {
  const present = detail.subjects.filter((s) => s.present);
  const [customer, setCustomer] = useState<string | null>(
    present[0] ? String(present[0].customerId) : null,
  );
  const [values, setValues] = useState<Partial<Record<RectifiableField, string>>>({});
  const [evidence, setEvidence] = useState('');
  const { run, busy } = useRightsCall();
  const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  const ready = detail.status === 'in_progress' && customer !== null;
  return (
    <Stack gap="xs">
      <Select
        size="xs"
        label="Subject"
        data={present.map((s) => ({
          value: String(s.customerId),
          label: `${s.name} (${s.customerId})`,
        }))}
        value={customer}
        onChange={setCustomer}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {RECTIFIABLE_FIELDS.map((field) => (
          <TextInput
            key={field}
            size="xs"
            label={FIELD_LABELS[field]}
            placeholder="unchanged"
            value={values[field] ?? ''}
            onChange={(e) => setValues({ ...values, [field]: e.currentTarget.value })}
          />
        ))}
      </SimpleGrid>
      <TextInput
        size="xs"
        label="The requester's evidence"
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
      />
      <Button
        size="xs"
        disabled={!ready || busy || Object.keys(changes).length === 0 || evidence.trim() === ''}
        onClick={() =>
          void run(
            () =>
              call('rights:rectify', {
                caseId: detail.caseId,
                customerId: Number(customer),
                evidence,
                changes,
                addresses: [],
              }),
            'Corrected centrally.',
          ).then((d) => {
            if (!d) return;
            setValues({});
            onChange(d);
          })
        }
      >
        Correct the record
      </Button>
    </Stack>
  );
}
