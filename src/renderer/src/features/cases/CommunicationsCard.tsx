import {
  Alert,
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
  LETTER_GAP,
  TEMPLATE_KINDS,
  type CaseDetail,
  type ReceiptChannel,
  type TemplateKind,
} from '../../../../shared/cases';
import {
  REQUESTER_LANGUAGE_NAMES,
  REQUESTER_LANGUAGES,
} from '../../../../shared/requester-languages';
import { call, errorMessage } from '../../ipc';
import { formatDate } from '../profile/format';
import { humanise } from './case-labels';
import type { CaseAct } from './useCaseAction';
import { useOfficerName } from '../team/TeamDirectory';

interface Props {
  detail: CaseDetail;
  act: (action: CaseAct, success?: string) => Promise<boolean>;
  busy: boolean;
}

/** Letters from templates filled from the case, copied or saved to the log of what was sent. */
export function CommunicationsCard({ detail, act, busy }: Props) {
  const nameOf = useOfficerName();
  const [template, setTemplate] = useState<TemplateKind | null>(null);
  const [channel, setChannel] = useState<ReceiptChannel>(detail.channel);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const gap = LETTER_GAP.exec(subject)?.[0] ?? LETTER_GAP.exec(body)?.[0] ?? null;
  const language = detail.requesterLanguage;

  async function choose(kind: TemplateKind | null) {
    setTemplate(kind);
    setProblems([]);
    if (!kind) return;
    try {
      const filled = await call('cases:template', { caseId: detail.caseId, template: kind });
      setSubject(filled.subject);
      setBody(filled.body);
      setProblems(filled.problems);
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
            label="Letters and documents in"
            description={
              language.fromCase
                ? 'Chosen for this requester'
                : `From the requester's country${language.country ? ` (${language.country})` : ''}`
            }
            data={REQUESTER_LANGUAGES.map((l) => ({
              value: l,
              label: REQUESTER_LANGUAGE_NAMES[l],
            }))}
            value={language.code}
            allowDeselect={false}
            disabled={busy}
            onChange={(value) =>
              value &&
              value !== language.code &&
              void act(
                {
                  action: 'update',
                  changes: {
                    requester: { ...detail.requester, language: value },
                  },
                },
                `Letters and documents are now written in ${REQUESTER_LANGUAGE_NAMES[value]}. Choose the letter again.`,
              )
            }
            w={230}
          />
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
        {problems.length > 0 || gap ? (
          <Alert color="yellow" title="This letter cannot be sent yet" data-testid="letter-gaps">
            <Stack gap={4}>
              {problems.map((p) => (
                <Text key={p} size="sm">
                  {p}
                </Text>
              ))}
              {gap ? (
                <Text size="sm">
                  Fill in every gap marked {gap.length > 40 ? '[[…]]' : gap} before saving it as
                  sent.
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <Group gap="xs">
          <Button variant="default" disabled={!body} onClick={() => void copy()}>
            Copy
          </Button>
          <Button
            disabled={busy || !body.trim() || gap !== null}
            title={gap ? 'The letter still has a gap to fill' : undefined}
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
                setProblems([]);
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
                  {formatDate(c.sentAt)} by {nameOf(c.actor)}, {humanise(c.channel)}
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
