import { Alert, Button, Fieldset, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import { rectificationProblem } from '../../../../shared/rectification';
import {
  ADDRESS_FIELDS,
  RECTIFIABLE_FIELDS,
  type AddressField,
  type RectifiableField,
} from '../../../../shared/rights';
import type { SubjectAddress } from '../../../../shared/types';
import { call } from '../../ipc';
import { useRightsCall } from './useRightsCall';

const ADDRESS_LABELS: Record<AddressField, string> = {
  line1: 'first line',
  line2: 'second line',
  city: 'city',
  region: 'region',
  postcode: 'postcode',
  country: 'country',
};

type AddressValues = Record<number, Partial<Record<AddressField, string>>>;

/** The subject's addresses, read from the replica (an audited view of the record). */
function useAddresses(customerId: string | null, corrections: number): SubjectAddress[] {
  const [addresses, setAddresses] = useState<{ id: string; list: SubjectAddress[] } | null>(null);
  useEffect(() => {
    if (customerId === null) return;
    call('subject:profile', { customerId: Number(customerId) }).then(
      (profile) => setAddresses({ id: customerId, list: profile.addresses }),
      () => setAddresses({ id: customerId, list: [] }),
    );
  }, [customerId, corrections]);
  return addresses?.id === customerId ? addresses.list : [];
}

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

/**
 * Corrects identity fields and addresses of one subject with the requester's evidence; blank
 * fields stay as they are. What central would refuse is said before it is asked.
 */
export function RectifySection({ detail, onChange }: Props) {
  const present = detail.subjects.filter((s) => s.present);
  const [chosen, setCustomer] = useState<string | null>(null);
  // The first subject until the officer picks one; subjects may be linked after this opened.
  const customer =
    chosen !== null && present.some((p) => String(p.customerId) === chosen)
      ? chosen
      : present[0]
        ? String(present[0].customerId)
        : null;
  const [values, setValues] = useState<Partial<Record<RectifiableField, string>>>({});
  const [addressValues, setAddressValues] = useState<AddressValues>({});
  const [evidence, setEvidence] = useState('');
  const { run, busy } = useRightsCall();
  // Read again after each correction, so the placeholders show the values now held.
  const addresses = useAddresses(customer, detail.actions.length);
  const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  const addressChanges = addresses
    .map((a) => ({
      addressId: a.addressId,
      changes: Object.fromEntries(
        Object.entries(addressValues[a.addressId] ?? {}).filter(([, v]) => v.trim() !== ''),
      ),
    }))
    .filter((a) => Object.keys(a.changes).length > 0);
  const problem = rectificationProblem(
    { evidence, changes, addresses: addressChanges },
    addresses.map((a) => a.addressId),
  );
  const touched = evidence !== '' || Object.keys(changes).length > 0 || addressChanges.length > 0;
  const ready = detail.status === 'in_progress' && customer !== null;
  const setAddress = (addressId: number, field: AddressField, value: string) =>
    setAddressValues({
      ...addressValues,
      [addressId]: { ...addressValues[addressId], [field]: value },
    });
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
        onChange={(v) => {
          setCustomer(v);
          setAddressValues({});
        }}
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
      {addresses.map((address, index) => (
        <Fieldset
          key={address.addressId}
          legend={`Address ${index + 1} (${address.kind}): ${[address.line1, address.city, address.postcode, address.country].filter(Boolean).join(', ')}`}
          variant="filled"
          p="xs"
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            {ADDRESS_FIELDS.map((field) => (
              <TextInput
                key={field}
                size="xs"
                label={`Address ${index + 1}: ${ADDRESS_LABELS[field]}`}
                placeholder={address[field] ?? 'unchanged'}
                value={addressValues[address.addressId]?.[field] ?? ''}
                onChange={(e) => setAddress(address.addressId, field, e.currentTarget.value)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
      <TextInput
        size="xs"
        label="The requester's evidence"
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
      />
      {touched && problem && (
        <Alert color="yellow" p="xs" role="status">
          Central would refuse this: {problem}.
        </Alert>
      )}
      <Button
        size="xs"
        disabled={!ready || busy || problem !== null}
        onClick={() =>
          void run(
            () =>
              call('rights:rectify', {
                caseId: detail.caseId,
                customerId: Number(customer),
                evidence,
                changes,
                addresses: addressChanges,
              }),
            'Corrected centrally.',
          ).then((d) => {
            if (!d) return;
            setValues({});
            setAddressValues({});
            setEvidence('');
            onChange(d);
          })
        }
      >
        Correct the record
      </Button>
    </Stack>
  );
}
