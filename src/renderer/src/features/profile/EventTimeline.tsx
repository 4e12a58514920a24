import { Text, Timeline } from '@mantine/core';
import { KeyValueList } from '../../components/KeyValueList';
import type { SubjectProfile } from '../../../../shared/types';
import { formatDate } from './format';

/** Events newest first, each with its details as readable lines. */
export function EventTimeline({ profile }: { profile: SubjectProfile }) {
  if (profile.events.length === 0) return <Text c="dimmed">No events.</Text>;
  return (
    <>
      <Timeline bulletSize={12} lineWidth={2} aria-label="Events">
        {profile.events.map((event) => (
          <Timeline.Item
            key={event.eventId}
            title={event.eventType.replaceAll('_', ' ')}
            data-testid="event-item"
          >
            <Text size="xs" c="dimmed" title={event.occurredAt}>
              {formatDate(event.occurredAt)}
            </Text>
            <KeyValueList value={event.metadata} label="Event details" empty="No details." />
          </Timeline.Item>
        ))}
      </Timeline>
      {profile.eventsTotal > profile.events.length && (
        <Text size="sm" c="dimmed" mt="xs">
          The newest {profile.events.length} of {profile.eventsTotal} events are shown.
        </Text>
      )}
    </>
  );
}
