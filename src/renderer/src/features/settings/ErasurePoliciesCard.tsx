import { Alert, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ErasurePolicy, ErasurePolicyOverview } from '../../../../shared/erasure-policies';
import { call } from '../../ipc';
import { ErasurePolicyForm } from './ErasurePolicyForm';
import { policyWords } from './policy-words';
import { useCentralSettings } from './useCentralSettings';
import { CentralCardHeader, ConfirmRemoval } from './CentralCardParts';
import { useOfficerName } from '../team/TeamDirectory';

const NEW_POLICY = (table: string): ErasurePolicy => ({
  table,
  strategy: 'delete',
  columns: {},
  legalBasis: null,
  retainYears: null,
  retainFrom: null,
  thenStrategy: null,
});

/**
 * What an erasure does to each table that reaches a person, as central holds it. Everyone sees
 * the policies; only an administrator's login changes them (central refuses anyone else).
 */
export function ErasurePoliciesCard() {
  const {
    value: overview,
    setValue: setOverview,
    failure,
    load,
    busy,
    change: changeOnCentral,
    modal,
  } = useCentralSettings(() => call('rights:erasure-policies', {}));
  const nameOf = useOfficerName();
  const [editing, setEditing] = useState<ErasurePolicy | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const change = (
    work: (totp: string | undefined) => Promise<ErasurePolicyOverview>,
    done: string,
  ) =>
    changeOnCentral(work, done, (next) => {
      setOverview(next);
      setEditing(null);
      setRemoving(null);
    });

  const admin = overview?.canChange === true;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="erasure-policies-title">
      {modal}
      <CentralCardHeader id="erasure-policies-title" title="Erasure policies" onReload={load} />
      <Text size="sm" c="dimmed" mb="sm">
        What an erasure does to each table that reaches a person through a foreign key. Central
        keeps these for every desk; an erasure plan follows them.
      </Text>
      {failure?.offline && (
        <Text size="sm">They are read from central: connect a central database above first.</Text>
      )}
      {failure && !failure.offline && (
        <Alert color="red" title="Cannot read the policies from central">
          {failure.text}
        </Alert>
      )}
      {!overview && !failure && <Loader size="sm" aria-label="Loading erasure policies" />}
      {overview && (
        <Stack gap="sm">
          {!admin && (
            <Alert color="blue" data-testid="policy-read-only">
              Only an administrator&apos;s login can change erasure policies; this desk logs in to
              central as “{overview.login}”. Ask an administrator, or connect this desk with an
              administrator&apos;s login.
            </Alert>
          )}
          {overview.withoutPolicy && overview.withoutPolicy.length > 0 && (
            <Alert color="red" title="Tables without a policy" data-testid="tables-without-policy">
              <Stack gap={4}>
                <Text size="sm">
                  These tables reach a person but have no policy, so every erasure plan is
                  incomplete and cannot be executed until one is set:
                </Text>
                {overview.withoutPolicy.map((table) => (
                  <Group key={table} gap="xs">
                    <Text size="sm" ff="monospace">
                      {table}
                    </Text>
                    <Button size="compact-xs" onClick={() => setEditing(NEW_POLICY(table))}>
                      Set a policy for {table}
                    </Button>
                  </Group>
                ))}
              </Stack>
            </Alert>
          )}
          <Table aria-label="Erasure policies" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Table</Table.Th>
                <Table.Th>What an erasure does</Table.Th>
                <Table.Th>Set by</Table.Th>
                {admin && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.policies.map((policy) => (
                <Table.Tr key={policy.table}>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {policy.table}
                  </Table.Td>
                  <Table.Td>{policyWords(policy)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{nameOf(policy.updatedBy)}</Text>
                    <Text size="xs" c="dimmed">
                      {new Date(policy.updatedAt).toLocaleDateString()}
                    </Text>
                  </Table.Td>
                  {admin && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={`Change the policy of ${policy.table}`}
                          onClick={() => setEditing(policy)}
                        >
                          Change
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove the policy of ${policy.table}`}
                          onClick={() => setRemoving(policy.table)}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {removing && (
            <ConfirmRemoval
              title={`Remove the policy of ${removing}?`}
              busy={busy}
              onKeep={() => setRemoving(null)}
              onRemove={() =>
                void change(
                  (totp) =>
                    call('rights:remove-erasure-policy', {
                      table: removing,
                      ...(totp ? { totp } : {}),
                    }),
                  `The policy of ${removing} was removed.`,
                )
              }
            >
              Without a policy, every erasure plan that reaches this table is incomplete until a new
              one is set.
            </ConfirmRemoval>
          )}
          {editing && (
            <Paper withBorder p="sm">
              <ErasurePolicyForm
                key={editing.table}
                initial={editing}
                columns={overview.columns[editing.table] ?? []}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={(policy) =>
                  void change(
                    (totp) =>
                      call('rights:set-erasure-policy', { ...policy, ...(totp ? { totp } : {}) }),
                    `The policy of ${policy.table} is saved centrally.`,
                  )
                }
              />
            </Paper>
          )}
        </Stack>
      )}
    </Paper>
  );
}
