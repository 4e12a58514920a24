import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { KeyValueList } from '../../components/KeyValueList';
import { useRoleRefusal } from '../access/useDeskAccess';
import { BackButton, LoadFailed } from '../shell/LoadFailed';
import { useSyncedCall } from '../shell/useSyncedCall';
import { ConsentTable } from './ConsentTable';
import { EventTimeline } from './EventTimeline';
import { formatDate } from './format';
import { AddressTable, InteractionTable, OrderTable } from './ProfileTables';
import { ReappearanceFlag } from './ReappearanceFlag';
import { LegalHoldCard } from '../retention/LegalHoldCard';
import { RectifyField } from './RectifyField';
import { SimilarRecords } from './SimilarRecords';
import type { CaseDraft } from '../cases/NewCaseModal';
import { REQUEST_TYPE_LABELS, STATUS_LABELS } from '../../../../shared/cases';

interface Props {
  customerId: number;
  onBack: () => void;
  onOpen: (customerId: number) => void;
  onStartCase: (draft: CaseDraft) => void;
  onOpenCase: (caseId: string) => void;
}

/** Everything the desk holds about one customer record; opening it is an audited view. */
export function ProfileScreen({ customerId, onBack, onOpen, onStartCase, onOpenCase }: Props) {
  const startRefusal = useRoleRefusal('change-records');
  const {
    value: profile,
    error,
    setValue: setProfile,
  } = useSyncedCall('subject:profile', { customerId });

  const back = <BackButton label="Back to search" onBack={onBack} />;
  if (error) return <LoadFailed title="Cannot open this record" message={error} back={back} />;
  if (!profile) return <Loader aria-label="Loading profile" />;
  const { customer } = profile;

  return (
    <Stack maw={1200}>
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{customer.name}</Title>
          <Group gap="xs" mt={4}>
            <Text c="dimmed">Customer #{customer.customerId}</Text>
            <Badge variant="outline">{customer.status}</Badge>
            {customer.lifecycleStage && <Badge variant="light">{customer.lifecycleStage}</Badge>}
            {customer.restricted && <Badge color="orange">processing restricted</Badge>}
            {customer.mergedInto !== null && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => onOpen(customer.mergedInto ?? 0)}
              >
                Merged into #{customer.mergedInto}
              </Button>
            )}
          </Group>
          {profile.cases.length > 0 && (
            <Group gap="xs" mt={6} data-testid="subject-cases">
              {profile.cases.map((c) => (
                <Button
                  key={c.caseId}
                  size="compact-xs"
                  variant={c.open ? 'light' : 'subtle'}
                  color={c.open ? 'violet' : 'gray'}
                  onClick={() => onOpenCase(c.caseId)}
                >
                  {c.reference ?? 'New case'}: {REQUEST_TYPE_LABELS[c.requestType]},{' '}
                  {STATUS_LABELS[c.status].toLowerCase()}
                </Button>
              ))}
            </Group>
          )}
        </div>
        <Tooltip label={startRefusal} disabled={startRefusal === null} multiline w={300}>
          <span>
            <Button
              disabled={customer.mergedInto !== null || startRefusal !== null}
              onClick={() =>
                onStartCase({
                  subjectIds: [customer.customerId],
                  requester: {
                    names: [customer.name],
                    emails: customer.email ? [customer.email] : [],
                    phones: customer.phone ? [customer.phone] : [],
                  },
                })
              }
            >
              Start a DSAR case
            </Button>
          </span>
        </Tooltip>
      </Group>

      <ReappearanceFlag customerId={customer.customerId} />
      <LegalHoldCard customerId={customer.customerId} what="this person" />

      <Card withBorder>
        <Stack gap="xs">
          <RectifyField profile={profile} field="name" label="Name" onRectified={setProfile} />
          <RectifyField profile={profile} field="email" label="Email" onRectified={setProfile} />
          <RectifyField profile={profile} field="phone" label="Phone" onRectified={setProfile} />
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={60}>
              Tags
            </Text>
            {customer.tags.length === 0 ? <Text>—</Text> : null}
            {customer.tags.map((tag) => (
              <Badge key={tag} variant="dot">
                {tag}
              </Badge>
            ))}
          </Group>
          <Text size="sm" c="dimmed">
            Customer since {formatDate(customer.createdAt)}; last active{' '}
            {formatDate(customer.lastActive)}
            {profile.mergedRecords.length > 0 &&
              `; records merged into this one: ${profile.mergedRecords.map((id) => `#${id}`).join(', ')}`}
          </Text>
        </Stack>
      </Card>

      <Tabs defaultValue="orders" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="orders">Orders ({profile.ordersTotal})</Tabs.Tab>
          <Tabs.Tab value="addresses">Addresses ({profile.addresses.length})</Tabs.Tab>
          <Tabs.Tab value="interactions">Interactions ({profile.interactionsTotal})</Tabs.Tab>
          <Tabs.Tab value="events">Events ({profile.eventsTotal})</Tabs.Tab>
          <Tabs.Tab value="consents">Consents ({profile.consents.length})</Tabs.Tab>
          <Tabs.Tab value="similar">Possibly the same person ({profile.similar.length})</Tabs.Tab>
          <Tabs.Tab value="attributes">Attributes</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="orders" pt="sm">
          <OrderTable profile={profile} />
        </Tabs.Panel>
        <Tabs.Panel value="addresses" pt="sm">
          <AddressTable profile={profile} />
        </Tabs.Panel>
        <Tabs.Panel value="interactions" pt="sm">
          <InteractionTable profile={profile} />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="sm">
          <EventTimeline profile={profile} />
        </Tabs.Panel>
        <Tabs.Panel value="consents" pt="sm">
          <ConsentTable profile={profile} />
        </Tabs.Panel>
        <Tabs.Panel value="similar" pt="sm">
          <SimilarRecords profile={profile} onOpen={onOpen} />
        </Tabs.Panel>
        <Tabs.Panel value="attributes" pt="sm">
          <KeyValueList value={customer.attributes} label="Attributes" empty="No attributes." />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
