import {
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  CHANNELS_OF_RECEIPT,
  TEMPLATE_KINDS,
  type CaseDetail,
  type ReceiptChannel,
  type TemplateKind,
} from '../../../../shared/cases';
import { call, errorMessage } from '../../ipc';
import { formatDate } from '../profile/format';
import { humanise } from './case-labels';
import type { CaseAct } from './useCaseAction';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
}

/** Letters from templates filled from the case, copied or saved to the log of what was sent. */
export function CommunicationsCard({ detail, act, busy }: Props) {
  const [template, setTemplate] = useState<TemplateKind | null>(null);
  const [channel, setChannel] = useState<ReceiptChannel>(detail.channel);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');

  async function choose(kind: TemplateKind | null) {
    setTemplate(kind);
    if (!kind) return;
    try {
      const filled = await call('cases:template', { caseId: detail.caseId, template: kind });
      setSubject(filled.subject);
      setBody(filled.body);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Template', message: errorMessage(error) });
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(`${subject}\n\n${body}`);
      notifications.show({ message: 'Copied. Save it to the log once it is sent.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not copy', message: errorMessage(error) });
    }
  }

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Communications
        </Title>
        <Group gap="xs" align="end">
          <Select
            label="Template"
            data={TEMPLATE_KINDS.map((t) => ({ value: t, label: humanise(t) }))}
            value={template}
            onChange={(value) => void choose(value)}
            clearable
            w={200}
          />
          <Select
            label="Sent by"
            data={CHANNELS_OF_RECEIPT.map((c) => ({ value: c, label: humanise(c) }))}
            value={channel}
            onChange={(value) => value && setChannel(value)}
            w={150}
          />
        </Group>
        <TextInput
          label="Subject"
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
        />
        <Textarea
          label="Message"
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={14}
        />
        <Group gap="xs">
          <Button variant="default" disabled={!body} onClick={() => void copy()}>
            Copy
          </Button>
          <Button
            disabled={busy || !body.trim()}
            onClick={() =>
              void act(
                {
                  action: 'communicate',
                  template,
                  channel,
                  subject: subject.trim(),
                  body,
                  sentAt: null,
                },
                'Saved to the communications log.',
              ).then((ok) => {
                if (!ok) return;
                setTemplate(null);
                setSubject('');
                setBody('');
              })
            }
          >
            Save as sent
          </Button>
        </Group>
        {detail.communications.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing sent yet.
          </Text>
        ) : (
          detail.communications
            .slice()
            .reverse()
            .map((c) => (
              <Card key={c.eventId} withBorder padding="xs" data-testid="communication">
                <Text size="sm" fw={600}>
                  {c.subject || '(no subject)'}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(c.sentAt)} by {c.actor}, {humanise(c.channel)}
                  {c.template ? ` — ${humanise(c.template)}` : ''}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                  {c.body}
                </Text>
              </Card>
            ))
        )}
      </Stack>
    </Card>
  );
}
