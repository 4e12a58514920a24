import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  describePreview,
  policyTarget,
  RETENTION_CATEGORIES,
  type RetentionOverview,
  type RetentionPolicy,
  type RetentionPolicyInput,
  type RetentionPreview,
  type RetentionRun,
  type RetentionSchedule,
} from '../../../../shared/retention';
import { call, errorMessage } from '../../ipc';
import { useSyncedCall } from '../shell/useSyncedCall';
import { useCentralSettings } from './useCentralSettings';
import { CentralCardHeader } from './CentralCardParts';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Retention of personal data, kept on central: the policies (the installed defaults wait for an
 * administrator's confirmation), when it runs, what the next run removes, and the run log.
 * Officers and approvers read it; only an administrator's login changes it, with a two-step
 * code when enrolled.
 */
export function RetentionCard() {
  const { value: access } = useSyncedCall('central:access', {});
  // A viewer's login reads neither the preview nor the run log: the card is not for it.
  if (access?.access?.role === 'viewer') return null;
  return <RetentionSettings />;
}

function RetentionSettings() {
  const {
    value,
    failure,
    load,
    busy,
    setBusy,
    change: changeOnCentral,
    modal,
  } = useCentralSettings(async () => {
    const [overview, preview, runs] = await Promise.all([
      call('retention:overview', {}),
      call('retention:preview', {}),
      call('retention:runs', {}),
    ]);
    return { overview, preview, runs };
  });
  const overview = value?.overview ?? null;
  const preview = value?.preview ?? null;
  const runs = value?.runs ?? [];
  const [editing, setEditing] = useState<RetentionPolicyInput | null>(null);

  // Central's answer changes the preview and the run log too: read all three again.
  const change = (work: (totp: string | undefined) => Promise<unknown>, done: string) =>
    changeOnCentral(work, done, () => {
      setEditing(null);
      load();
    });

  async function runNow() {
    setBusy(true);
    try {
      const outcome = await call('retention:run', {});
      notifications.show(
        outcome.status === 'done'
          ? {
              color: 'green',
              message: `Retention ran: ${outcome.deleted} deleted, ${outcome.anonymised} anonymised, ${outcome.skippedHeld} held back.`,
            }
          : {
              color: 'red',
              title: 'Retention did not run',
              message: 'error' in outcome ? outcome.error : outcome.status,
            },
      );
      load();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not run', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const admin = overview?.canChange === true;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="retention-title">
      {modal}
      <CentralCardHeader id="retention-title" title="Retention" onReload={load} />
      <Text size="sm" c="dimmed" mb="sm">
        How long personal data is kept after its event or the person’s last activity, then deleted
        or anonymised the way an erasure does it. Central runs it on the schedule below at the first
        desk sync after each slot; a legal hold on a person or a case pauses it for them.
      </Text>
      {failure?.offline && (
        <Text size="sm">Retention is kept on central: connect a central database above first.</Text>
      )}
      {failure && !failure.offline && (
        <Alert color="orange" title="Cannot show retention">
          {failure.text}
        </Alert>
      )}
      {overview && preview && (
        <Stack gap="sm">
          {!admin && (
            <Text size="sm">
              Only an administrator’s login changes retention; this desk logs in as {overview.login}
              .
            </Text>
          )}
          <PolicyTable
            overview={overview}
            preview={preview}
            busy={busy}
            onEdit={(p) => setEditing(inputOf(p))}
            onConfirm={(p, confirmed) =>
              void change(
                (totp) =>
                  call('retention:confirm', {
                    policyId: p.policyId,
                    confirmed,
                    ...(totp ? { totp } : {}),
                  }),
                confirmed ? 'Policy confirmed: it applies from the next run.' : 'Policy paused.',
              )
            }
          />
          {admin && !editing && (
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  setEditing({
                    table: 'reflect.addresses',
                    keepAmount: 3,
                    keepUnit: 'years',
                    anchor: 'last_activity',
                    action: 'delete',
                  })
                }
              >
                Add a policy
              </Button>
            </Group>
          )}
          {editing && (
            <PolicyForm
              policy={editing}
              busy={busy}
              onCancel={() => setEditing(null)}
              onSave={(policy) =>
                void change(
                  (totp) => call('retention:set-policy', { ...policy, ...(totp ? { totp } : {}) }),
                  'Policy saved and confirmed.',
                )
              }
            />
          )}
          <Alert
            color={preview.removes > 0 ? 'blue' : 'gray'}
            variant="light"
            title={describePreview(preview)}
            data-testid="retention-next-run"
          >
            <Text size="sm">
              {preview.schedule.enabled
                ? `Next run at the first sync after ${when(preview.schedule.nextSlot)}.`
                : 'The schedule is off: retention runs only when an administrator runs it.'}
            </Text>
          </Alert>
          <ScheduleForm
            key={JSON.stringify(overview.schedule)}
            schedule={overview.schedule}
            admin={admin}
            busy={busy}
            onSave={(schedule) =>
              void change(
                (totp) =>
                  call('retention:set-schedule', { ...schedule, ...(totp ? { totp } : {}) }),
                'Schedule saved.',
              )
            }
            onRunNow={admin ? () => void runNow() : null}
          />
          <RunLog runs={runs} />
        </Stack>
      )}
    </Paper>
  );
}

function inputOf(p: RetentionPolicy): RetentionPolicyInput {
  return {
    ...(p.category ? { category: p.category } : { table: p.table ?? '' }),
    keepAmount: p.keepAmount,
    keepUnit: p.keepUnit,
    anchor: p.anchor,
    action: p.action,
    ...(p.eventColumn ? { eventColumn: p.eventColumn } : {}),
  };
}

function PolicyTable({
  overview,
  preview,
  busy,
  onEdit,
  onConfirm,
}: {
  overview: RetentionOverview;
  preview: RetentionPreview;
  busy: boolean;
  onEdit: (p: RetentionPolicy) => void;
  onConfirm: (p: RetentionPolicy, confirmed: boolean) => void;
}) {
  return (
    <Table verticalSpacing="xs" aria-label="Retention policies">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Data</Table.Th>
          <Table.Th>Kept</Table.Th>
          <Table.Th>Then</Table.Th>
          <Table.Th>Due now</Table.Th>
          <Table.Th>State</Table.Th>
          {overview.canChange && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.policies.map((p) => {
          const found = preview.policies.filter((e) => e.policyId === p.policyId);
          const due = found.reduce((n, e) => n + e.due, 0);
          const held = found.reduce((n, e) => n + e.held, 0);
          const problem = found.find((e) => e.problem)?.problem;
          return (
            <Table.Tr key={p.policyId}>
              <Table.Td>
                <Text size="sm">{policyTarget(p)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {p.period} after {p.anchor === 'event' ? 'the event' : 'the last activity'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.action === 'delete' ? 'Deleted' : 'Anonymised'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {problem ?? `${due} row${due === 1 ? '' : 's'}${held ? `, ${held} held` : ''}`}
                </Text>
                {found[0] && found[0].firstIds.length > 0 && (
                  <Text size="xs" c="dimmed">
                    first ids {found[0].firstIds.slice(0, 5).join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {p.confirmed ? (
                  <Text size="sm" c="green" fw={500}>
                    Confirmed
                  </Text>
                ) : (
                  <>
                    <Text size="sm" c="orange" fw={500}>
                      Not confirmed
                    </Text>
                    <Text size="xs" c="dimmed">
                      removes nothing yet
                    </Text>
                  </>
                )}
              </Table.Td>
              {overview.canChange && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant={p.confirmed ? 'default' : 'filled'}
                      loading={busy}
                      aria-label={`${p.confirmed ? 'Pause' : 'Confirm'} ${policyTarget(p)}`}
                      onClick={() => onConfirm(p, !p.confirmed)}
                    >
                      {p.confirmed ? 'Pause' : 'Confirm'}
                    </Button>
                    <Button size="compact-xs" variant="default" onClick={() => onEdit(p)}>
                      Change
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function PolicyForm({
  policy,
  busy,
  onSave,
  onCancel,
}: {
  policy: RetentionPolicyInput;
  busy: boolean;
  onSave: (policy: RetentionPolicyInput) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(policy);
  const set = (c: Partial<RetentionPolicyInput>) => setDraft((d) => ({ ...d, ...c }));
  const target = draft.category ?? draft.table ?? '';
  const targets = [
    ...RETENTION_CATEGORIES.map((c) => ({
      value: c,
      label: policyTarget({ category: c, table: null }),
    })),
    ...[
      'reflect.addresses',
      'reflect.consents',
      'reflect.orders',
      'reflect.events',
      'reflect.interactions',
    ].map((t) => ({ value: t, label: `${t} (this table only)` })),
  ];
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      aria-label="Retention policy"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <Stack gap="xs">
        <Group grow align="flex-start">
          <Select
            label="Data"
            data={targets}
            value={target}
            allowDeselect={false}
            onChange={(v) => {
              if (!v) return;
              const { category: _c, table: _t, ...rest } = draft;
              setDraft(
                (RETENTION_CATEGORIES as readonly string[]).includes(v)
                  ? { ...rest, category: v as RetentionPolicyInput['category'] & string }
                  : { ...rest, table: v },
              );
            }}
          />
          <NumberInput
            label="Keep for"
            min={1}
            max={draft.keepUnit === 'years' ? 100 : 36500}
            allowDecimal={false}
            value={draft.keepAmount}
            onChange={(v) => set({ keepAmount: typeof v === 'number' ? v : 1 })}
          />
          <Select
            label="Unit"
            data={[
              { value: 'years', label: 'years' },
              { value: 'days', label: 'days' },
            ]}
            value={draft.keepUnit}
            allowDeselect={false}
            onChange={(v) => v && set({ keepUnit: v })}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Counted from"
            data={[
              { value: 'event', label: 'the row’s event (order date, event time)' },
              { value: 'last_activity', label: 'the person’s last activity' },
            ]}
            value={draft.anchor}
            allowDeselect={false}
            onChange={(v) => v && set({ anchor: v })}
          />
          <Select
            label="Then"
            data={[
              { value: 'delete', label: 'delete the rows' },
              { value: 'anonymise', label: 'anonymise (keep, unlinked from the person)' },
            ]}
            value={draft.action}
            allowDeselect={false}
            onChange={(v) => v && set({ action: v })}
          />
        </Group>
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            Save and confirm on central
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ScheduleForm({
  schedule,
  admin,
  busy,
  onSave,
  onRunNow,
}: {
  schedule: RetentionSchedule;
  admin: boolean;
  busy: boolean;
  onSave: (schedule: RetentionSchedule) => void;
  onRunNow: (() => void) | null;
}) {
  const [draft, setDraft] = useState<RetentionSchedule>({
    enabled: schedule.enabled,
    everyDays: schedule.everyDays,
    at: schedule.at,
    timeZone: schedule.timeZone,
  });
  const set = (c: Partial<RetentionSchedule>) => setDraft((d) => ({ ...d, ...c }));
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      aria-label="Retention schedule"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <Group align="flex-end" gap="sm">
        <Switch
          label="Run on a schedule"
          disabled={!admin}
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        <NumberInput
          label="Every (days)"
          w={110}
          min={1}
          max={365}
          allowDecimal={false}
          disabled={!admin}
          value={draft.everyDays}
          onChange={(v) => set({ everyDays: typeof v === 'number' ? v : 1 })}
        />
        <TextInput
          label="At"
          w={90}
          placeholder="02:00"
          disabled={!admin}
          value={draft.at}
          onChange={(e) => set({ at: e.currentTarget.value })}
        />
        <TextInput
          label="Time zone"
          w={170}
          placeholder="Europe/Berlin"
          disabled={!admin}
          value={draft.timeZone}
          onChange={(e) => set({ timeZone: e.currentTarget.value })}
        />
        {admin && (
          <Button type="submit" size="xs" loading={busy}>
            Save schedule
          </Button>
        )}
        {onRunNow && (
          <Button size="xs" variant="light" color="red" loading={busy} onClick={onRunNow}>
            Run now
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function RunLog({ runs }: { runs: RetentionRun[] }) {
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No retention run yet.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} aria-label="Retention runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Run</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>Deleted</Table.Th>
          <Table.Th>Anonymised</Table.Th>
          <Table.Th>Held back</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.slice(0, 10).map((r) => (
          <Table.Tr key={r.runId}>
            <Table.Td>
              <Text size="sm">
                {when(r.startedAt)} ({r.trigger === 'schedule' ? 'schedule' : 'by hand'})
              </Text>
              {r.status === 'failed' && (
                <Text size="xs" c="red">
                  Failed, nothing changed: {r.error}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{r.runBy}</Text>
            </Table.Td>
            <Table.Td>{r.rowsDeleted}</Table.Td>
            <Table.Td>{r.rowsAnonymised}</Table.Td>
            <Table.Td>{r.skippedHeld}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
