import { Badge, Table, Text } from '@mantine/core';
import type { SubjectProfile } from '../../../../shared/types';
import { formatDate, formatMoney } from './format';

function More({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <Text size="sm" c="dimmed" mt="xs">
      The newest {shown} of {total} {what} are shown; an export holds them all.
    </Text>
  );
}

export function AddressTable({ profile }: { profile: SubjectProfile }) {
  if (profile.addresses.length === 0) return <Text c="dimmed">No addresses.</Text>;
  return (
    <Table aria-label="Addresses">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Address</Table.Th>
          <Table.Th>Country</Table.Th>
          <Table.Th>Recorded</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {profile.addresses.map((a) => (
          <Table.Tr key={a.addressId}>
            <Table.Td>{a.kind}</Table.Td>
            <Table.Td>
              {[a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(' '), a.region]
                .filter(Boolean)
                .join(', ')}
            </Table.Td>
            <Table.Td>{a.country}</Table.Td>
            <Table.Td title={a.createdAt}>{formatDate(a.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function OrderTable({ profile }: { profile: SubjectProfile }) {
  if (profile.orders.length === 0) return <Text c="dimmed">No orders.</Text>;
  return (
    <>
      <Table aria-label="Orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Placed</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profile.orders.map((o) => (
            <Table.Tr key={o.orderId} data-testid="order-row">
              <Table.Td>#{o.orderId}</Table.Td>
              <Table.Td title={o.placedAt}>{formatDate(o.placedAt)}</Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm">
                  {o.status}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatMoney(o.totalCents, o.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <More shown={profile.orders.length} total={profile.ordersTotal} what="orders" />
    </>
  );
}

export function InteractionTable({ profile }: { profile: SubjectProfile }) {
  if (profile.interactions.length === 0) return <Text c="dimmed">No interactions.</Text>;
  return (
    <>
      <Table aria-label="Interactions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Summary</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profile.interactions.map((i) => (
            <Table.Tr key={i.interactionId}>
              <Table.Td title={i.occurredAt} style={{ whiteSpace: 'nowrap' }}>
                {formatDate(i.occurredAt)}
              </Table.Td>
              <Table.Td>{i.channel}</Table.Td>
              <Table.Td>{i.summary}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <More
        shown={profile.interactions.length}
        total={profile.interactionsTotal}
        what="interactions"
      />
    </>
  );
}
