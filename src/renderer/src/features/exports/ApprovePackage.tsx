import { Alert, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { caseWorkBy, type CaseDetail } from '../../../../shared/cases';
import type { ProposedPackage } from '../../../../shared/exports';
import { call, errorMessage } from '../../ipc';
import { formatDate } from '../profile/format';
import { PackageContentsView } from './PackageContentsView';
import { useOfficerName } from '../team/TeamDirectory';

const EXPORTING = new Set(['access', 'portability', 'know']);

/**
 * The approver's side of an export: the package the officer proposed, recomputed on this desk
 * from its own copy, approved for exactly what it holds and withholds.
 */
export function ApprovePackage({
  caseId,
  detail,
  onDecided,
}: {
  caseId: string;
  detail: CaseDetail;
  onDecided: (detail: CaseDetail) => void;
}) {
  const nameOf = useOfficerName();
  const [proposal, setProposal] = useState<ProposedPackage | null>(null);
  const [busy, setBusy] = useState(false);
  if (!EXPORTING.has(detail.requestType) || !detail.needsApproval) return null;
  if (detail.status !== 'awaiting_approval') return null;
  const mine = caseWorkBy(detail, detail.officer).length > 0;
  const proposedByMe = proposal?.proposedBy === detail.officer;
  const canApprove = proposal !== null && proposal.matchesThisDesk && !mine && !proposedByMe;

  async function work(run: () => Promise<void>) {
    setBusy(true);
    try {
      await run();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }
  const open = () => work(async () => setProposal(await call('exports:proposed', { caseId })));
  const approve = () =>
    work(async () => {
      if (!proposal) return;
      onDecided(
        await call('cases:act', {
          caseId,
          baseVersion: detail.version,
          act: {
            action: 'decide-approval',
            decision: 'approved',
            note: null,
            exportHash: proposal.contentsHash,
          },
        }),
      );
      notifications.show({
        color: 'green',
        message: 'Package approved. It takes effect once central has it (next sync).',
      });
    });

  return (
    <Stack gap="xs" data-testid="approve-package">
      <Group gap="xs">
        <Button size="xs" variant="light" loading={busy} onClick={() => void open()}>
          {proposal ? 'Open the package again' : 'Open the package proposed'}
        </Button>
        <Tooltip
          label={
            mine || proposedByMe
              ? 'Four eyes: you worked this case or proposed the package, so a different officer approves it'
              : 'Open the package first: the approval holds for the package you saw'
          }
          disabled={canApprove}
        >
          <Button
            size="xs"
            color="green"
            disabled={!canApprove || busy}
            onClick={() => void approve()}
          >
            Approve this package
          </Button>
        </Tooltip>
      </Group>
      {proposal && (
        <>
          <Text size="sm" c="dimmed">
            Proposed by {nameOf(proposal.proposedBy)} on {formatDate(proposal.proposedAt)}.
          </Text>
          {!proposal.matchesThisDesk && (
            <Alert color="orange">
              This desk&apos;s copy of the records differs from the package proposed (one of the
              desks has not synced a change). Sync, then open the package again.
            </Alert>
          )}
          <PackageContentsView contents={proposal.contents} />
        </>
      )}
    </Stack>
  );
}
