import { Alert, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import {
  CASE_STATUSES,
  caseWorkBy,
  STATUS_LABELS,
  type CaseDetail,
  type CaseStatus,
} from '../../../../shared/cases';
import { formatDate } from '../profile/format';
import { ReasonModal } from './ReasonModal';
import type { CaseAct } from './useCaseAction';
import { RoleNote } from '../access/RoleNote';
import { useRoleRefusal } from '../access/useDeskAccess';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
}

const ACTION_LABELS: Partial<Record<CaseStatus, string>> = {
  // A step of the workflow; the identity check itself is recorded on the Identity verification card.
  verifying_identity: 'Start identity check',
  in_progress: 'Start work',
  awaiting_approval: 'Ask for approval',
  fulfilled: 'Mark fulfilled',
  rejected: 'Reject',
  withdrawn: 'Mark withdrawn',
};

const REASONS: Partial<Record<CaseStatus, { label: string; required: boolean }>> = {
  rejected: { label: 'Reason for rejection (goes in the register and the letter)', required: true },
  withdrawn: { label: 'How the requester withdrew (optional)', required: false },
  awaiting_approval: { label: 'Note for the approver (optional)', required: false },
};

/** The moves open to this officer now; blocked ones say why. Approval is decided here too. */
export function WorkflowCard({ detail, act, busy }: Props) {
  const nameOf = useOfficerName();
  const [asking, setAsking] = useState<CaseStatus | 'declined' | null>(null);
  const closed = detail.closedAt !== null;
  const label = (to: CaseStatus) =>
    closed && to === 'in_progress'
      ? 'Reopen'
      : detail.status === 'awaiting_approval' && to === 'in_progress'
        ? 'Withdraw approval request'
        : (ACTION_LABELS[to] ?? STATUS_LABELS[to]);
  const move = (to: CaseStatus) =>
    REASONS[to]
      ? setAsking(to)
      : void act(
          { action: 'transition', to, reason: null },
          `Now ${STATUS_LABELS[to].toLowerCase()}.`,
        );
  const approval = detail.approval;
  // Four eyes: whoever created the case, verified the requester or asked for approval may not approve.
  const work = caseWorkBy(detail, detail.officer);
  const mine = work.length > 0;
  const roleRefusal = useRoleRefusal('approve');
  const erasing = detail.requestType === 'erasure' || detail.requestType === 'delete';
  // A copy of the data is approved for its package, on the export card.
  const exporting =
    ['access', 'portability', 'know'].includes(detail.requestType) && detail.needsApproval;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Workflow
        </Title>
        {detail.needsApproval && (
          <Text size="sm" c="dimmed">
            This request needs a second officer&apos;s approval before it is fulfilled.
          </Text>
        )}
        {approval && (
          <Alert
            color={
              approval.decision === 'approved'
                ? 'green'
                : approval.decision === 'declined'
                  ? 'red'
                  : 'violet'
            }
            data-testid="approval"
          >
            Approval asked by {nameOf(approval.requestedBy)} on {formatDate(approval.requestedAt)}
            {approval.decision
              ? `; ${approval.decision} by ${nameOf(approval.decidedBy)} on ${formatDate(approval.decidedAt)}${approval.note ? `: ${approval.note}` : ''}`
              : approval.note
                ? ` (${approval.note})`
                : ''}
          </Alert>
        )}
        {detail.status === 'awaiting_approval' && erasing && (
          <Text size="sm">
            The approver approves the erasure plan itself, under Carry out the request.
          </Text>
        )}
        {detail.status === 'awaiting_approval' && exporting && (
          <Text size="sm">
            The approver approves the package itself, under Export for the requester.
          </Text>
        )}
        {detail.status === 'awaiting_approval' && roleRefusal !== null && (
          <RoleNote text={roleRefusal} />
        )}
        {detail.status === 'awaiting_approval' && roleRefusal === null && (
          <Group gap="xs">
            {!erasing && !exporting && (
              <Tooltip
                label={`Four eyes: you worked this case (${work.join(', ')}), so a different officer must approve it`}
                disabled={!mine}
              >
                <Button
                  color="green"
                  disabled={busy || mine}
                  onClick={() =>
                    void act(
                      { action: 'decide-approval', decision: 'approved', note: null },
                      'Approved.',
                    )
                  }
                >
                  Approve
                </Button>
              </Tooltip>
            )}
            <Button
              color="red"
              variant="light"
              disabled={busy || mine}
              onClick={() => setAsking('declined')}
            >
              Decline
            </Button>
          </Group>
        )}
        <Group gap="xs">
          {CASE_STATUSES.filter((s) => detail.allowedTransitions.includes(s)).map((to) => (
            <Button key={to} size="xs" variant="light" disabled={busy} onClick={() => move(to)}>
              {label(to)}
            </Button>
          ))}
          {CASE_STATUSES.filter((s) => detail.blockers[s]).map((to) => (
            <Tooltip key={to} label={detail.blockers[to]} multiline w={280}>
              <Button
                size="xs"
                variant="default"
                data-disabled
                aria-disabled
                onClick={(e) => e.preventDefault()}
              >
                {label(to)}
              </Button>
            </Tooltip>
          ))}
        </Group>
        {detail.resolution && <Text size="sm">Outcome: {detail.resolution}</Text>}
      </Stack>
      {asking === 'declined' && (
        <ReasonModal
          title="Decline approval"
          label="Why (the preparer sees this)"
          required
          confirm="Decline"
          onClose={() => setAsking(null)}
          onConfirm={(note) =>
            act({ action: 'decide-approval', decision: 'declined', note }, 'Approval declined.')
          }
        />
      )}
      {asking !== null && asking !== 'declined' && (
        <ReasonModal
          title={label(asking)}
          label={REASONS[asking]?.label ?? 'Reason'}
          required={REASONS[asking]?.required ?? false}
          confirm={label(asking)}
          onClose={() => setAsking(null)}
          onConfirm={(reason) =>
            act(
              { action: 'transition', to: asking, reason },
              `Now ${STATUS_LABELS[asking].toLowerCase()}.`,
            )
          }
        />
      )}
    </Card>
  );
}
