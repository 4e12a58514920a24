import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import {
  CHANNELS_OF_RECEIPT,
  PRIORITIES,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  STATUS_LABELS,
  type CaseDetail,
  type CasePriority,
  type DuplicateRequest,
  type IntakeProblem,
  type Jurisdiction,
  type ReceiptChannel,
  type Requester,
  type RequestType,
} from '../../../../shared/cases';
import { call, errorMessage } from '../../ipc';
import { formatDate } from '../profile/format';
import { humanise } from './case-labels';
import { timeZoneChoices } from './time-zones';
import { AssigneePicker } from '../team/AssigneePicker';

/** The fields whose problems are shown beside them; any other is listed above the buttons. */
const SHOWN_BY_A_FIELD = new Set([
  'receivedAt',
  'timeZone',
  'requester',
  'requester.names',
  'requester.emails',
  'requester.phones',
  'agent.name',
  'agent.email',
  'agent.authority',
  'assignee',
]);

/** What the profile's "Start a DSAR case" hands over: the subject and their identities. */
export interface CaseDraft {
  subjectIds: number[];
  requester: Requester;
}

interface Props {
  draft: CaseDraft | null;
  defaultTimeZone: string;
  onClose: () => void;
  onCreated: (detail: CaseDetail) => void;
}

/** Intake: who asked, for what, under which law, when and how; warns of an open duplicate. */
export function NewCaseModal({ draft, defaultTimeZone, onClose, onCreated }: Props) {
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction>('gdpr');
  const [requestType, setRequestType] = useState<RequestType>('access');
  const [channel, setChannel] = useState<ReceiptChannel>('email');
  const [names, setNames] = useState<string[]>(draft?.requester.names ?? []);
  const [emails, setEmails] = useState<string[]>(draft?.requester.emails ?? []);
  const [phones, setPhones] = useState<string[]>(draft?.requester.phones ?? []);
  const [receivedAt, setReceivedAt] = useState(() =>
    DateTime.now().setZone(defaultTimeZone).toFormat("yyyy-MM-dd'T'HH:mm"),
  );
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [assignee, setAssignee] = useState('');
  const [priority, setPriority] = useState<CasePriority>('normal');
  const [agent, setAgent] = useState<{ name: string; email: string; authority: string } | null>(
    null,
  );
  const [duplicates, setDuplicates] = useState<DuplicateRequest[]>([]);
  const [linked, setLinked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  // What the last "Open case" found wrong, field by field; a field's own go when it is edited.
  const [problems, setProblems] = useState<IntakeProblem[]>([]);
  const problemsOf = (...fields: string[]) =>
    problems
      .filter((p) => fields.includes(p.field))
      .map((p) => p.message)
      .join(' ') || null;
  const edited = (...fields: string[]) =>
    setProblems((all) => all.filter((p) => !fields.includes(p.field)));
  const [busy, setBusy] = useState(false);

  const requester = useMemo(() => ({ names, emails, phones }), [names, emails, phones]);
  const [watched] = useDebouncedValue(requester, 300);
  useEffect(() => {
    if (watched.names.length + watched.emails.length + watched.phones.length === 0) return;
    let live = true;
    call('cases:duplicates', { requester: watched }).then(
      (found) => {
        if (!live) return;
        setDuplicates(found);
        // Linking is the default: the officer unticks a match that is not the same person.
        setLinked(new Set(found.map((d) => d.caseId)));
      },
      () => live && setDuplicates([]),
    );
    return () => {
      live = false;
    };
  }, [watched]);

  const instant = DateTime.fromISO(receivedAt, { zone: timeZone });
  const identified = names.length + emails.length + phones.length > 0;
  const shownDuplicates = identified ? duplicates : [];

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const request = {
        jurisdiction,
        requestType,
        channel,
        requester,
        agent: agent
          ? { name: agent.name, email: agent.email.trim() || null, authority: agent.authority }
          : null,
        receivedAt: instant.toISO() ?? '',
        timeZone,
        subjectIds: draft?.subjectIds ?? [],
        assignee: assignee.trim() || null,
        priority,
        tags: [],
        relatedCaseIds: shownDuplicates.filter((d) => linked.has(d.caseId)).map((d) => d.caseId),
      };
      // Everything to fix is shown at once, beside its field, before anything is sent.
      const found = await call('cases:check-intake', { draft: request });
      setProblems(found);
      if (found.length > 0) return;
      const detail = await call('cases:create', request);
      onCreated(detail);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title="New request" size="lg">
      <Stack>
        <SegmentedControl
          value={jurisdiction}
          onChange={(value) => {
            const law = value;
            setJurisdiction(law);
            setRequestType(REQUEST_TYPES[law][0]);
          }}
          data={[
            { value: 'gdpr', label: 'GDPR' },
            { value: 'ccpa', label: 'CCPA' },
          ]}
          aria-label="Law"
        />
        <Group grow>
          <Select
            label="Request"
            data={REQUEST_TYPES[jurisdiction].map((t) => ({
              value: t,
              label: REQUEST_TYPE_LABELS[t],
            }))}
            value={requestType}
            onChange={(value) => value && setRequestType(value)}
          />
          <Select
            label="Received by"
            data={CHANNELS_OF_RECEIPT.map((c) => ({ value: c, label: humanise(c) }))}
            value={channel}
            onChange={(value) => value && setChannel(value)}
          />
        </Group>
        <Group grow>
          <TextInput
            type="datetime-local"
            label="Received at"
            value={receivedAt}
            onChange={(e) => {
              setReceivedAt(e.currentTarget.value);
              edited('receivedAt');
            }}
            error={instant.isValid ? problemsOf('receivedAt') : 'Enter a date and time.'}
          />
          <Select
            label="Time zone of receipt"
            data={timeZoneChoices(timeZone)}
            value={timeZone}
            onChange={(value) => {
              if (value) setTimeZone(value);
              edited('timeZone');
            }}
            error={problemsOf('timeZone')}
            searchable
          />
        </Group>
        <TagsInput
          label="Requester names"
          value={names}
          onChange={(value) => {
            setNames(value);
            edited('requester', 'requester.names');
          }}
          error={problemsOf('requester', 'requester.names')}
          placeholder="Type and press Enter"
        />
        <Group grow>
          <TagsInput
            label="Emails"
            value={emails}
            onChange={(value) => {
              setEmails(value);
              edited('requester', 'requester.emails');
            }}
            error={problemsOf('requester.emails')}
          />
          <TagsInput
            label="Phones (with country code)"
            value={phones}
            onChange={(value) => {
              setPhones(value);
              edited('requester', 'requester.phones');
            }}
            error={problemsOf('requester.phones')}
          />
        </Group>
        <Checkbox
          label="Made by an authorised agent on the person's behalf"
          checked={agent !== null}
          onChange={(e) =>
            setAgent(e.currentTarget.checked ? { name: '', email: '', authority: '' } : null)
          }
        />
        {agent && (
          <Group grow>
            <TextInput
              label="Agent name"
              value={agent.name}
              onChange={(e) => {
                setAgent({ ...agent, name: e.currentTarget.value });
                edited('agent.name');
              }}
              error={problemsOf('agent.name')}
            />
            <TextInput
              label="Agent email"
              value={agent.email}
              onChange={(e) => {
                setAgent({ ...agent, email: e.currentTarget.value });
                edited('agent.email');
              }}
              error={problemsOf('agent.email')}
            />
            <TextInput
              label="Authority shown"
              value={agent.authority}
              onChange={(e) => {
                setAgent({ ...agent, authority: e.currentTarget.value });
                edited('agent.authority');
              }}
              error={problemsOf('agent.authority')}
            />
          </Group>
        )}
        <Group grow>
          <AssigneePicker
            label="Assignee"
            value={assignee}
            onChange={(value) => {
              setAssignee(value);
              edited('assignee');
            }}
            error={problemsOf('assignee')}
          />
          <Select
            label="Priority"
            data={PRIORITIES.map((p) => ({ value: p, label: humanise(p) }))}
            value={priority}
            onChange={(value) => value && setPriority(value)}
          />
        </Group>
        {draft && draft.subjectIds.length > 0 && (
          <Text size="sm">
            Subject record{draft.subjectIds.length > 1 ? 's' : ''}: #{draft.subjectIds.join(', #')}
          </Text>
        )}
        {[true, false].map((sameContact) => {
          const group = shownDuplicates.filter((d) => d.sameContact === sameContact);
          if (group.length === 0) return null;
          return (
            <Alert
              key={String(sameContact)}
              color={sameContact ? 'yellow' : 'gray'}
              title={
                sameContact
                  ? 'This person already has an open request'
                  : 'An open request from someone with the same name'
              }
              data-testid={sameContact ? 'duplicate-warning' : 'namesake-note'}
            >
              <Stack gap={4}>
                {!sameContact && (
                  <Text size="sm">
                    No email or phone number is shared, so this may be another person. Link it only
                    if you know it is the same requester.
                  </Text>
                )}
                {group.map((d) => (
                  <Checkbox
                    key={d.caseId}
                    checked={linked.has(d.caseId)}
                    onChange={(e) => {
                      const next = new Set(linked);
                      if (e.currentTarget.checked) next.add(d.caseId);
                      else next.delete(d.caseId);
                      setLinked(next);
                    }}
                    label={`Link to ${d.reference ?? 'an unnumbered case'}: ${REQUEST_TYPE_LABELS[d.requestType]}, ${STATUS_LABELS[d.status].toLowerCase()}, received ${formatDate(d.receivedAt)} (same ${d.matchedOn.join(', ')})`}
                  />
                ))}
              </Stack>
            </Alert>
          );
        })}
        {problems.length > 0 && (
          <Alert color="red" title="Not created yet" role="alert" data-testid="intake-problems">
            {problems.length === 1
              ? 'One thing to fix, shown beside its field.'
              : `${problems.length} things to fix, each shown beside its field.`}
            {problems
              .filter((p) => !SHOWN_BY_A_FIELD.has(p.field))
              .map((p) => (
                <Text key={p.field + p.message} size="sm">
                  {p.message}
                </Text>
              ))}
          </Alert>
        )}
        {error && (
          <Alert color="red" title="Not created">
            {error}
          </Alert>
        )}
        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!instant.isValid} onClick={() => void create()}>
            Open case
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
