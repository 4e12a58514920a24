import { Badge, Button, Card, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import { formatDate } from '../profile/format';
import {
  daysOffInWords,
  deadlineBadge,
  formatDay,
  formatLongDay,
  toLocalInput,
} from './case-labels';
import { ReasonModal } from './ReasonModal';
import type { CaseAct } from './useCaseAction';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
}

/** The legal clock: received, due, extension (once, with a reason and notice), pauses. */
export function DeadlineCard({ detail, act, busy }: Props) {
  const nameOf = useOfficerName();
  const [dialog, setDialog] = useState<'extend' | 'pause' | null>(null);
  const [informedAt, setInformedAt] = useState(() => toLocalInput(new Date().toISOString()));
  const { deadline } = detail;
  const badge = deadlineBadge(deadline);
  const open = detail.pauses.some((p) => p.to === null);
  const closed = detail.closedAt !== null;
  const canPause =
    !closed && !open && detail.jurisdiction === 'gdpr' && detail.status === 'verifying_identity';
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Deadline
          </Title>
          <Badge color={badge.colour} data-testid="deadline-state">
            {badge.label}
          </Badge>
        </Group>
        <Text size="sm">
          Received {formatDate(detail.receivedAt)} ({detail.timeZone})
        </Text>
        <Text size="lg" fw={700} data-testid="due-date">
          Due {formatDay(deadline.dueDate)}
        </Text>
        {deadline.movedFrom && (
          <Text size="sm" data-testid="due-moved">
            <MovedFrom date={deadline.movedFrom.date} daysOff={deadline.movedFrom.daysOff} />
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Working days: {deadline.calendarName}
        </Text>
        {deadline.daysPaused > 0 && (
          <Text size="sm" c="dimmed">
            Clock stopped {deadline.daysPaused} day{deadline.daysPaused === 1 ? '' : 's'} while
            waiting for the requester.
          </Text>
        )}
        {deadline.acknowledgeBy && (
          <Text size="sm" c={detail.acknowledgedAt ? 'dimmed' : undefined}>
            Acknowledgement due by {formatDate(deadline.acknowledgeBy)}
            {detail.acknowledgedAt ? ` — sent ${formatDate(detail.acknowledgedAt)}` : ''}
          </Text>
        )}
        {detail.extension ? (
          <Text size="sm" data-testid="extension">
            Extended by {nameOf(detail.extension.extendedBy)} on{' '}
            {formatDate(detail.extension.extendedAt)}: {detail.extension.reason}. Requester told{' '}
            {formatDate(detail.extension.requesterInformedAt)}.
          </Text>
        ) : null}
        <Group gap="xs">
          <Tooltip label={deadline.extendBlockedBy ?? ''} disabled={deadline.canExtend}>
            <Button
              size="xs"
              variant="light"
              disabled={!deadline.canExtend || busy}
              onClick={() => setDialog('extend')}
            >
              Extend deadline
            </Button>
          </Tooltip>
          {canPause && (
            <Button size="xs" variant="light" disabled={busy} onClick={() => setDialog('pause')}>
              Pause clock
            </Button>
          )}
          {open && (
            <Button
              size="xs"
              variant="light"
              disabled={busy}
              onClick={() => void act({ action: 'resume' }, 'Clock running again.')}
            >
              Resume clock
            </Button>
          )}
        </Group>
      </Stack>
      {dialog === 'extend' && (
        <ReasonModal
          title="Extend the deadline"
          label="Why more time is needed (told to the requester)"
          required
          confirm="Extend"
          onClose={() => setDialog(null)}
          onConfirm={(reason) =>
            act(
              {
                action: 'extend',
                reason: reason ?? '',
                requesterInformedAt: new Date(informedAt).toISOString(),
              },
              'Deadline extended.',
            )
          }
        >
          <Text size="sm">
            {detail.jurisdiction === 'gdpr'
              ? 'GDPR allows two further months, decided within the first month, and the requester must be told why.'
              : 'CCPA allows one further 45 days, with notice to the requester before the first 45 days end.'}
          </Text>
          <TextInput
            type="datetime-local"
            label="When the requester was told"
            description={`Between receipt (${formatDate(detail.receivedAt)}) and the end of the first period (${formatDate(deadline.firstPeriodEndsAt)}), and not later than now.`}
            min={toLocalInput(detail.receivedAt)}
            max={toLocalInput(deadline.firstPeriodEndsAt)}
            value={informedAt}
            onChange={(e) => setInformedAt(e.currentTarget.value)}
            required
          />
        </ReasonModal>
      )}
      {dialog === 'pause' && (
        <ReasonModal
          title="Pause the clock"
          label="What the requester was asked to clarify"
          required
          confirm="Pause"
          onClose={() => setDialog(null)}
          onConfirm={(reason) => act({ action: 'pause', reason: reason ?? '' }, 'Clock paused.')}
        />
      )}
    </Card>
  );
}

/** Why the due day is not the day the period itself ends on. */
function MovedFrom({ date, daysOff }: { date: string; daysOff: string[] }) {
  const words = daysOffInWords(daysOff);
  return (
    <>
      The period itself ends on {formatLongDay(date)}
      {words ? ` (${words})` : ''}, not a working day, so the deadline is the next working day.
    </>
  );
}
