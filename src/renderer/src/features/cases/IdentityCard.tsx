import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  VERIFICATION_METHODS,
  type CaseDetail,
  type VerificationMethod,
} from '../../../../shared/cases';
import { formatDate } from '../profile/format';
import { humanise } from './case-labels';
import { ReasonModal } from './ReasonModal';
import type { CaseAct } from './useCaseAction';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
}

/** How the requester's identity was checked; fulfilment needs it or a recorded override. */
export function IdentityCard({ detail, act, busy }: Props) {
  const nameOf = useOfficerName();
  const [method, setMethod] = useState<VerificationMethod | null>(null);
  const [evidence, setEvidence] = useState('');
  const [overriding, setOverriding] = useState(false);
  const v = detail.verification;
  const closed = detail.closedAt !== null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Identity verification
        </Title>
        {v ? (
          <Alert color={v.kind === 'verified' ? 'green' : 'orange'} data-testid="verification">
            {v.kind === 'verified'
              ? `Verified by ${nameOf(v.verifiedBy)} on ${formatDate(v.verifiedAt)}: ${humanise(v.method)}. ${v.evidence}`
              : `Verification overridden by ${nameOf(v.verifiedBy)} on ${formatDate(v.verifiedAt)}: ${v.reason}`}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            Not verified yet.
          </Text>
        )}
        {!closed && (
          <Group align="end" gap="xs">
            <Select
              label="Method"
              data={VERIFICATION_METHODS.map((m) => ({ value: m, label: humanise(m) }))}
              value={method}
              onChange={(value) => setMethod(value)}
              w={200}
            />
            <TextInput
              label="Evidence checked"
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
              w={260}
            />
            <Button
              variant="light"
              disabled={busy || !method || !evidence.trim()}
              onClick={() =>
                method &&
                void act(
                  { action: 'verify', method, evidence: evidence.trim() },
                  'Identity verified.',
                ).then((ok) => ok && setEvidence(''))
              }
            >
              Record verification
            </Button>
            <Button
              variant="subtle"
              color="orange"
              disabled={busy}
              onClick={() => setOverriding(true)}
            >
              Override…
            </Button>
          </Group>
        )}
      </Stack>
      {overriding && (
        <ReasonModal
          title="Fulfil without verification"
          label="Why the identity check is not needed here (recorded and audited)"
          required
          confirm="Record override"
          onClose={() => setOverriding(false)}
          onConfirm={(reason) =>
            act({ action: 'override-verification', reason: reason ?? '' }, 'Override recorded.')
          }
        />
      )}
    </Card>
  );
}
