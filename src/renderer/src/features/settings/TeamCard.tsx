import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { TeamMember } from '../../../../shared/team';
import { call, errorMessage } from '../../ipc';
import { useRoleRefusal } from '../access/useDeskAccess';
import { RoleNote } from '../access/RoleNote';
import { useTeamDirectory } from '../team/TeamDirectory';

const ROLE_LABEL: Record<string, string> = {
  admin: 'Administrator',
  approver: 'Approver',
  officer: 'Officer',
  viewer: 'Viewer',
  none: 'No Reflect role',
};

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';

/**
 * The people behind the central logins, as of the last sync. An administrator adds or changes
 * a member here; central checks the login exists and every value again. The role comes from
 * PostgreSQL's membership and is changed there, not here.
 */
export function TeamCard() {
  const { overview, update } = useTeamDirectory();
  const refusal = useRoleRefusal('admin-settings');
  const [draft, setDraft] = useState({ login: '', displayName: '', email: '' });
  const [busy, setBusy] = useState(false);
  if (!overview) return null;

  async function save() {
    setBusy(true);
    try {
      update(await call('team:set', { ...draft, email: draft.email.trim() || null }));
      notifications.show({
        color: 'green',
        message: `${draft.displayName.trim()} is in the team.`,
      });
      setDraft({ login: '', displayName: '', email: '' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(member: TeamMember) {
    setBusy(true);
    try {
      update(await call('team:remove', { login: member.login }));
      notifications.show({
        color: 'green',
        message: `${member.displayName} is marked inactive; older entries keep the name.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const canChange = refusal === null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="team-title">
          Team
        </Title>
        <Text size="sm">
          The people behind the central logins: cases, approvals, the timeline and the audit trail
          show these names. Roles come from the database&apos;s own role membership.
        </Text>
        {overview.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {overview.pulledAt
              ? 'No one is in the team directory yet, so screens show logins.'
              : 'The team directory arrives with the first sync.'}
          </Text>
        ) : (
          <Table verticalSpacing="xs" aria-label="Team members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Login</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Email</Table.Th>
                {canChange && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.members.map((m) => (
                <Table.Tr key={m.login} c={m.active ? undefined : 'dimmed'}>
                  <Table.Td miw={170}>
                    {m.displayName}
                    {!m.active && (
                      <Badge ml="xs" size="xs" color="gray" variant="light">
                        inactive
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {m.login}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {m.role === null ? (
                      <Text size="sm" c="orange">
                        Login no longer exists
                      </Text>
                    ) : (
                      (ROLE_LABEL[m.role] ?? m.role)
                    )}
                  </Table.Td>
                  <Table.Td>{m.email ?? ''}</Table.Td>
                  {canChange && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          disabled={busy}
                          aria-label={`Change ${m.displayName}`}
                          onClick={() =>
                            setDraft({
                              login: m.login,
                              displayName: m.displayName,
                              email: m.email ?? '',
                            })
                          }
                        >
                          Change
                        </Button>
                        {m.active && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            disabled={busy}
                            aria-label={`Mark ${m.displayName} inactive`}
                            onClick={() => void remove(m)}
                          >
                            Mark inactive
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canChange ? (
          <Stack gap="xs" role="group" aria-label="Add or change a member">
            <Group grow align="start">
              <TextInput
                label="Central login"
                description="A login that exists on the central database"
                value={draft.login}
                maxLength={63}
                onChange={(e) => setDraft({ ...draft, login: e.currentTarget.value })}
              />
              <TextInput
                label="Name people read"
                description="Shown on cases, approvals and the audit trail"
                value={draft.displayName}
                maxLength={120}
                onChange={(e) => setDraft({ ...draft, displayName: e.currentTarget.value })}
              />
              <TextInput
                label="Work email"
                description="Optional"
                value={draft.email}
                maxLength={254}
                onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
              />
            </Group>
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {overview.pulledAt ? `As of the sync at ${when(overview.pulledAt)}.` : ''}
              </Text>
              <Button
                onClick={() => void save()}
                loading={busy}
                disabled={!draft.login.trim() || !draft.displayName.trim()}
              >
                Save member
              </Button>
            </Group>
          </Stack>
        ) : (
          <RoleNote text={refusal} />
        )}
      </Stack>
    </Paper>
  );
}
