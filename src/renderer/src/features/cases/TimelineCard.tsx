import { Badge, Button, Card, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { STATUS_LABELS, type CaseEvent, type CaseStatus } from '../../../../shared/cases';
import { formatDate } from '../profile/format';
import { humanise } from './case-labels';
import type { CaseAct } from './useCaseAction';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  events: CaseEvent[];
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
}

function describe(event: CaseEvent): string {
  const d = event.details;
  const text = (key: string): string => {
    const value = d[key];
    return typeof value === 'string' ? value : '';
  };
  const status = (key: string): string => {
    const value = text(key);
    return value in STATUS_LABELS ? STATUS_LABELS[value as CaseStatus] : value;
  };
  switch (event.kind) {
    case 'transition':
      return `${status('from')} → ${status('to')}${text('reason') ? `: ${text('reason')}` : ''}`;
    case 'note':
      return text('text');
    case 'communication':
      return `Sent "${text('subject')}"`;
    case 'extended':
      return `Deadline extended to ${text('dueDate')}: ${text('reason')}`;
    case 'paused':
      return `Clock paused: ${text('reason')}`;
    case 'identity_verified':
      return `By ${humanise(text('method')).toLowerCase()}`;
    case 'verification_overridden':
      return `Verification overridden: ${text('reason')}`;
    case 'subject_linked':
    case 'subject_unlinked':
      return `Customer ${String(d.customerId)}`;
    case 'approved':
    case 'declined':
      return `Approval ${event.kind}${text('note') ? `: ${text('note')}` : ''}`;
    case 'exported': {
      const formats = Array.isArray(d.formats) ? d.formats.join(', ') : '';
      const withheld = Array.isArray(d.redactions) ? d.redactions.length : 0;
      return `Exported (${formats})${withheld > 0 ? `, ${withheld} item(s) withheld` : ''}`;
    }
    case 'updated':
      return `Changed ${Array.isArray(d.fields) ? d.fields.join(', ') : ''}`;
    default:
      // The title says it all ("Created"): no second line repeating it.
      return '';
  }
}

/** A word for the entry; a status change reads better than the event's name. */
function titleOf(event: CaseEvent): string {
  return event.kind === 'transition' ? 'Status changed' : humanise(event.kind);
}

/** Everything that happened to the case, oldest first, and a box for notes. */
export function TimelineCard({ events, act, busy }: Props) {
  const nameOf = useOfficerName();
  const [note, setNote] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Timeline and notes
        </Title>
        <Timeline bulletSize={12} lineWidth={2} active={events.length}>
          {events.map((e) => (
            <Timeline.Item key={e.eventId} title={titleOf(e)} data-testid="timeline-item">
              {describe(e) !== '' && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {describe(e)}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {formatDate(e.occurredAt)} · {nameOf(e.actor)}{' '}
                {e.pending && (
                  <Badge size="xs" variant="outline">
                    pending sync
                  </Badge>
                )}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        <Textarea
          label="Add a note"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Button
          w="fit-content"
          variant="light"
          disabled={busy || !note.trim()}
          onClick={() =>
            void act({ action: 'note', text: note.trim() }, 'Note added.').then(
              (ok) => ok && setNote(''),
            )
          }
        >
          Add note
        </Button>
      </Stack>
    </Card>
  );
}
