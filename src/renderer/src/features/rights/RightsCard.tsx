import { Button, Card, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import { PURPOSE_LABELS, WITHDRAWABLE_PURPOSES } from '../../../../shared/rights';
import { call } from '../../ipc';
import { RoleNote } from '../access/RoleNote';
import { useRoleRefusal } from '../access/useDeskAccess';
import { ReasonModal } from '../cases/ReasonModal';
import { formatDate } from '../profile/format';
import { ErasureSection } from './ErasureSection';
import { RectifySection } from './RectifySection';
import { actionText } from './rights-labels';
import { useRightsCall } from './useRightsCall';

interface Props {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
}

const COPY_TYPES = new Set(['access', 'portability', 'know']);

/** Carries out the case's right, and shows what central confirmed was done. */
export function RightsCard({ detail, onChange }: Props) {
  const refusal = useRoleRefusal('change-records');
  if (COPY_TYPES.has(detail.requestType)) return null;
  const open = detail.closedAt === null;
  return (
    <Card withBorder data-testid="rights-card">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Carry out the request
        </Title>
        {detail.actions.length > 0 && (
          <List size="sm" spacing={4} data-testid="confirmed-actions">
            {detail.actions.map((a) => (
              <List.Item key={a.actionId}>
                {formatDate(a.at)}: {actionText(a)}
              </List.Item>
            ))}
          </List>
        )}
        {open && refusal !== null && <RoleNote text={refusal} />}
        {open && refusal === null && <Action detail={detail} onChange={onChange} />}
        {detail.requestType === 'restriction' && refusal === null && (
          <Restriction detail={detail} onChange={onChange} lift />
        )}
      </Stack>
    </Card>
  );
}

function Action({ detail, onChange }: Props) {
  switch (detail.requestType) {
    case 'erasure':
    case 'delete':
      return <ErasureSection detail={detail} onChange={onChange} />;
    case 'restriction':
      return <Restriction detail={detail} onChange={onChange} lift={false} />;
    case 'rectification':
    case 'correct':
      return <RectifySection detail={detail} onChange={onChange} />;
    default:
      return <Consents detail={detail} onChange={onChange} />;
  }
}

function Consents({ detail, onChange }: Props) {
  const offered = WITHDRAWABLE_PURPOSES[detail.requestType] ?? [];
  const [chosen, setChosen] = useState<string[]>(
    detail.requestType === 'consent_withdrawal' ? [] : [...offered],
  );
  const { run, busy } = useRightsCall();
  const ready = detail.status === 'in_progress';
  return (
    <Stack gap="xs">
      <Checkbox.Group
        value={chosen}
        onChange={setChosen}
        label="Consents to withdraw for every subject"
      >
        <Stack gap={4} mt={4}>
          {offered.map((p) => (
            <Checkbox key={p} value={p} label={PURPOSE_LABELS[p] ?? p} />
          ))}
        </Stack>
      </Checkbox.Group>
      {!ready && (
        <Text size="sm" c="dimmed">
          Start work on the case (identity verified) first.
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          disabled={!ready || busy || chosen.length === 0}
          onClick={() =>
            void run(
              () => call('rights:withdraw-consents', { caseId: detail.caseId, purposes: chosen }),
              'Consents withdrawn centrally.',
            ).then((d) => d && onChange(d))
          }
        >
          Withdraw consents
        </Button>
      </Group>
    </Stack>
  );
}

function Restriction({ detail, onChange, lift }: Props & { lift: boolean }) {
  const [asking, setAsking] = useState<number | null>(null);
  const { run, busy } = useRightsCall();
  const restricted = new Set(
    detail.actions
      .filter((a) => a.kind === 'restriction' || a.kind === 'restriction_lifted')
      .reduce<[number, boolean][]>(
        (state, a) => [...state, [Number(a.details.customerId), a.kind === 'restriction']],
        [],
      )
      .filter(([, on]) => on)
      .map(([id]) => id),
  );
  const subjects = detail.subjects.filter(
    (s) => s.present && restricted.has(s.customerId) === lift,
  );
  if (subjects.length === 0) return null;
  const ready =
    lift || (detail.status === 'in_progress' && detail.approval?.decision === 'approved');
  return (
    <Stack gap="xs">
      {!ready && (
        <Text size="sm" c="dimmed">
          A restriction withholds the person&apos;s data from every use: a second officer approves
          the case first.
        </Text>
      )}
      <Group gap="xs">
        {subjects.map((s) => (
          <Button
            key={s.customerId}
            size="xs"
            variant={lift ? 'default' : 'filled'}
            disabled={!ready || busy}
            onClick={() => setAsking(s.customerId)}
          >
            {lift ? 'Lift restriction' : 'Restrict processing'}: {s.name}
          </Button>
        ))}
      </Group>
      {asking !== null && (
        <ReasonModal
          title={lift ? 'Lift the restriction' : 'Restrict processing'}
          label={
            lift ? 'Why processing may resume (recorded on the case)' : 'Why (recorded on the case)'
          }
          required
          confirm={lift ? 'Lift restriction' : 'Restrict'}
          onClose={() => setAsking(null)}
          onConfirm={async (reason) => {
            const d = await run(
              () =>
                call(lift ? 'rights:lift-restriction' : 'rights:restrict', {
                  caseId: detail.caseId,
                  customerId: asking,
                  reason: reason ?? '',
                }),
              lift ? 'Restriction lifted.' : 'Processing restricted centrally.',
            );
            if (d) onChange(d);
            return d !== null;
          }}
        />
      )}
    </Stack>
  );
}
