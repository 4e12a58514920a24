import { Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  CASE_STATUSES,
  STATUS_LABELS,
  type CaseStatus,
  type CaseSummary,
} from '../../../../shared/cases';
import type { Input } from '../../../../shared/ipc/contract';
import { call, errorMessage } from '../../ipc';
import { AssigneePicker } from '../team/AssigneePicker';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  selected: CaseSummary[];
  onDone: () => void;
}

/** Assign or move the selected cases; each is checked on its own and failures are named. */
export function BulkBar({ selected, onDone }: Props) {
  const nameOf = useOfficerName();
  const [assignee, setAssignee] = useState('');
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(act: Input<'cases:bulk'>['act'], what: string) {
    setBusy(true);
    try {
      const results = await call('cases:bulk', {
        items: selected.map((c) => ({ caseId: c.caseId, baseVersion: c.version })),
        act,
      });
      const failed = results.filter((r) => !r.ok);
      notifications.show({
        color: failed.length === 0 ? 'green' : 'orange',
        title: `${what}: ${results.length - failed.length} of ${results.length} done`,
        message:
          failed.length === 0
            ? 'Queued for central.'
            : failed
                .slice(0, 5)
                .map((f) => {
                  const c = selected.find((s) => s.caseId === f.caseId);
                  return `${c?.reference ?? c?.requesterName ?? f.caseId}: ${f.message ?? ''}`;
                })
                .join('\n'),
      });
      onDone();
    } catch (error) {
      notifications.show({ color: 'red', title: what, message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" aria-label="Bulk actions">
      <Group align="end" gap="sm">
        <Text size="sm" fw={600} mb={8}>
          {selected.length} selected
        </Text>
        <AssigneePicker label="Assign to" value={assignee} onChange={setAssignee} w={180} />
        <Button
          variant="light"
          disabled={busy}
          onClick={() =>
            void run(
              { action: 'update', changes: { assignee: assignee.trim() || null } },
              assignee.trim() ? `Assign to ${nameOf(assignee.trim())}` : 'Unassign',
            )
          }
        >
          Assign
        </Button>
        <Select
          label="Move to"
          data={CASE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          value={target}
          onChange={(value) => setTarget(value)}
          w={180}
        />
        <TextInput
          label="Reason (rejection needs one)"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={220}
        />
        <Button
          variant="light"
          disabled={busy || target === null}
          onClick={() =>
            target &&
            void run(
              { action: 'transition', to: target, reason: reason.trim() || null },
              `Move to ${STATUS_LABELS[target]}`,
            )
          }
        >
          Move
        </Button>
      </Group>
    </Paper>
  );
}
