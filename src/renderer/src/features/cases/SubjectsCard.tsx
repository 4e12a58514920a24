import { Anchor, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import type { CaseDetail } from '../../../../shared/cases';
import { SubjectFinder } from './SubjectFinder';
import type { CaseAct } from './useCaseAction';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
  onOpenProfile: (customerId: number) => void;
}

/** The customer records this request is about; each opens its profile. */
export function SubjectsCard({ detail, act, busy, onOpenProfile }: Props) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Subject records
        </Title>
        {detail.subjects.length === 0 ? (
          <Text size="sm" c="dimmed">
            No customer record linked yet. Link the requester’s records below.
          </Text>
        ) : (
          <Table aria-label="Subject records">
            <Table.Tbody>
              {detail.subjects.map((s) => (
                <Table.Tr key={s.customerId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>customer {s.customerId}</Table.Td>
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
        <SubjectFinder
          requester={detail.requester}
          linked={new Set(detail.subjects.map((s) => s.customerId))}
          busy={busy}
          onLink={(customerId) =>
            void act({ action: 'link-subject', customerId, link: true }, 'Subject linked.')
          }
        />
      </Stack>
    </Card>
  );
}
