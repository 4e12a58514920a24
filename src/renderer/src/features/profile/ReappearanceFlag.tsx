import { Alert, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ReappearanceView } from '../../../../shared/rights';
import { call, errorMessage } from '../../ipc';
import { useOfficerName } from '../team/TeamDirectory';

/** The identifier kinds central matches on, as an officer says them. */
const MATCH_WORDS: Record<string, string> = {
  email: 'email address',
  phone: 'phone number',
  'name and date of birth': 'name and date of birth',
  'national id': 'national ID',
  'customer number': 'customer number',
};

const day = (iso: string | null): string => (iso ? new Date(iso).toLocaleDateString() : '—');

/**
 * A record central flagged because it carries an identifier of a person erased before: neither
 * dropped nor shown as if nothing happened, but put to the officer, whose decision central
 * records. Only logins that may read the flags have them in their replica, so for any other
 * login this shows nothing.
 */
export function ReappearanceFlag({ customerId }: { customerId: number }) {
  const [flags, setFlags] = useState<ReappearanceView[]>([]);
  useEffect(() => {
    call('rights:reappearances', { customerId }).then(setFlags, () => setFlags([]));
  }, [customerId]);
  return (
    <>
      {flags.map((flag) => (
        <Flag
          key={flag.reappearanceId}
          flag={flag}
          onDecided={() =>
            void call('rights:reappearances', { customerId }).then(setFlags, () => undefined)
          }
        />
      ))}
    </>
  );
}

function Flag({ flag, onDecided }: { flag: ReappearanceView; onDecided: () => void }) {
  const nameOf = useOfficerName();
  const [decision, setDecision] = useState<'keep' | 'erase' | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const matched = flag.matchedOn.map((m) => MATCH_WORDS[m] ?? m).join(', ');
  const title = `This record matches a person erased on ${day(flag.erasedAt)} under case ${flag.caseReference}`;

  async function decide() {
    if (!decision) return;
    setBusy(true);
    try {
      await call('rights:decide-reappearance', {
        reappearanceId: flag.reappearanceId,
        decision,
        note,
      });
      notifications.show({ color: 'green', message: 'The decision is recorded centrally.' });
      onDecided();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not recorded', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  if (flag.decision !== null) {
    return (
      <Alert color="gray" title={title} data-testid="reappearance-flag">
        Decided on {day(flag.decidedAt)} by {flag.decidedBy ? nameOf(flag.decidedBy) : 'an officer'}
        :{' '}
        {flag.decision === 'keep'
          ? 'the record is kept'
          : 'the record is to be erased (through an erasure case)'}
        . Why: {flag.note}
      </Alert>
    );
  }
  return (
    <Alert color="orange" title={title} data-testid="reappearance-flag">
      <Stack gap="xs">
        <Text size="sm">
          It has the same {matched}. It may be the same person signing up again on their own, or a
          re-import of data that should be gone. Decide what happens to it; the decision and its
          reason are recorded centrally.
        </Text>
        <Radio.Group
          label="Decision"
          value={decision}
          onChange={(v) => setDecision(v === 'keep' ? 'keep' : 'erase')}
        >
          <Group mt={4}>
            <Radio value="keep" label="Keep the record (a new, lawful record)" />
            <Radio value="erase" label="It must go: erase it through an erasure case" />
          </Group>
        </Radio.Group>
        <TextInput
          label="Why"
          placeholder="e.g. the person signed up again on 3 March"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group>
          <Button
            color="orange"
            disabled={decision === null || note.trim() === '' || busy}
            loading={busy}
            onClick={() => void decide()}
          >
            Record the decision
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
