import { Anchor, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import type { CaseAct } from './useCaseAction';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
  onOpenProfile: (customerId: number) => void;
}

/** The customer records this request is about; each opens its profile. */
export function SubjectsCard({ detail, act, busy, onOpenProfile }: Props) {
  const [customerId, setCustomerId] = useState<number | ''>('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Subject records
        </Title>
        {detail.subjects.length === 0 ? (
          <Text size="sm" c="dimmed">
            No customer record linked yet. Find the person with Search (Ctrl+K) and link them here.
          </Text>
        ) : (
          <Table aria-label="Subject records">
            <Table.Tbody>
              {detail.subjects.map((s) => (
                <Table.Tr key={s.customerId}>
                  <Table.Td>#{s.customerId}</Table.Td>
                  <Table.Td>
                    {s.present ? (
                      <Anchor component="button" onClick={() => onOpenProfile(s.customerId)}>
                        {s.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {s.name}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{s.email ?? ''}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      disabled={busy}
                      onClick={() =>
                        void act(
                          { action: 'link-subject', customerId: s.customerId, link: false },
                          'Unlinked.',
                        )
                      }
                    >
                      Unlink
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="end" gap="xs">
          <NumberInput
            label="Customer id"
            value={customerId}
            onChange={(value) => setCustomerId(typeof value === 'number' ? value : '')}
            min={1}
            allowDecimal={false}
            w={160}
          />
          <Button
            variant="light"
            disabled={busy || customerId === ''}
            onClick={() =>
              customerId !== '' &&
              void act({ action: 'link-subject', customerId, link: true }, 'Subject linked.').then(
                (ok) => ok && setCustomerId(''),
              )
            }
          >
            Link subject
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
