import { Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { caseWorkBy, type CaseDetail } from '../../../../shared/cases';
import type { ErasurePreview } from '../../../../shared/rights';
import { call } from '../../ipc';
import { ErasurePlanView } from './ErasurePlanView';
import { useRightsCall } from './useRightsCall';

interface Props {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
}

/**
 * The erasure, from plan to execution: anyone previews; the approver approves the plan shown;
 * once approved, the officer executes it after typing the case's reference.
 */
export function ErasureSection({ detail, onChange }: Props) {
  const [plan, setPlan] = useState<ErasurePreview | null>(null);
  const [typed, setTyped] = useState('');
  const { run, busy } = useRightsCall();
  const done = detail.actions.some((a) => a.kind === 'erasure');
  const mine = caseWorkBy(detail, detail.officer).length > 0;
  const canApprove = detail.status === 'awaiting_approval' && !mine && plan?.complete === true;
  const canErase =
    !done && detail.status === 'in_progress' && detail.approval?.decision === 'approved';
  const reference = detail.reference ?? detail.caseId;

  const preview = () =>
    void run(
      () => call('rights:erasure-preview', { caseId: detail.caseId }),
      'Plan computed by central.',
    ).then((p) => p && setPlan(p));
  const approve = () =>
    plan &&
    void run(
      () =>
        call('cases:act', {
          caseId: detail.caseId,
          baseVersion: detail.version,
          act: { action: 'decide-approval', decision: 'approved', note: null, planHash: plan.hash },
        }),
      'Plan approved. It takes effect once central has it (next sync).',
    ).then((d) => d && onChange(d));
  const erase = () =>
    plan &&
    void run(
      () => call('rights:erase', { caseId: detail.caseId, planHash: plan.hash }),
      'Erased. Every desk removes the person on its next sync.',
    ).then((d) => d && onChange(d));

  if (done) return null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button size="xs" variant="light" loading={busy} onClick={preview}>
          {plan ? 'Preview again' : 'Preview erasure'}
        </Button>
        {detail.status === 'awaiting_approval' && (
          <Tooltip
            label={
              mine
                ? 'Four eyes: you worked this case, so a different officer approves it'
                : 'Preview the plan first: the approval holds for the plan you saw'
            }
            disabled={canApprove}
          >
            <Button size="xs" color="green" disabled={!canApprove || busy} onClick={approve}>
              Approve this plan
            </Button>
          </Tooltip>
        )}
      </Group>
      {plan && <ErasurePlanView plan={plan} />}
      {canErase && (
        <Stack gap={4}>
          <Text size="sm">
            Erasing cannot be undone. Type the case reference <b>{reference}</b> to confirm.
          </Text>
          <Group gap="xs" align="end">
            <TextInput
              size="xs"
              aria-label="Case reference to confirm"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
            />
            <Tooltip label="Preview the plan first" disabled={plan !== null}>
              <Button
                size="xs"
                color="red"
                disabled={busy || plan === null || !plan.complete || typed.trim() !== reference}
                onClick={erase}
              >
                Erase now
              </Button>
            </Tooltip>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
