import { Alert, Button, Group, Loader, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { STATEMENT_CATEGORY_LABELS } from '../../../../shared/exports';
import {
  DATA_CATEGORY_LABELS,
  type ProcessingActivity,
  type RecordsOverview,
  type StoredActivity,
} from '../../../../shared/records';
import {
  REQUESTER_LANGUAGE_NAMES,
  REQUESTER_LANGUAGES,
  type RequesterLanguage,
} from '../../../../shared/requester-languages';
import { call, errorMessage } from '../../ipc';
import { ProcessingActivityForm } from './ProcessingActivityForm';
import { useCentralSettings } from './useCentralSettings';
import { useOfficerName } from '../team/TeamDirectory';
import { CentralCardHeader, ConfirmRemoval } from './CentralCardParts';

const EMPTY: ProcessingActivity = {
  activity_id: '',
  name: '',
  purposes: '',
  legal_basis: '',
  subject_categories: ['Customers'],
  data_categories: [],
  report_sections: [],
  recipients: '',
  transfers: '',
  retention: '',
  security_measures: '',
  controller_contact: '',
  dpo_contact: '',
  language: 'en',
  requester_text: {},
  base_version: null,
};

function editable(a: StoredActivity): ProcessingActivity {
  const { version, updated_at: _at, updated_by: _by, ...rest } = a;
  return { ...rest, base_version: version };
}

/**
 * The records of processing activities (GDPR Art. 30), as central keeps them for every desk.
 * Every login reads them; only an administrator's changes them (central refuses anyone else,
 * and asks an enrolled administrator for a two-step code). The access report takes the
 * purposes, legal basis, recipients, retention and transfers of each section from here.
 */
export function RecordsOfProcessingCard() {
  const nameOf = useOfficerName();
  const {
    value: overview,
    setValue: setOverview,
    failure,
    load,
    busy,
    setBusy,
    change: changeOnCentral,
    modal,
  } = useCentralSettings(() => call('records:list', {}));
  const [editing, setEditing] = useState<{ activity: ProcessingActivity; isNew: boolean } | null>(
    null,
  );
  const [removing, setRemoving] = useState<StoredActivity | null>(null);
  const [proposed, setProposed] = useState<ProcessingActivity[] | null>(null);
  const [language, setLanguage] = useState<RequesterLanguage>('en');

  const change = (work: (totp: string | undefined) => Promise<RecordsOverview>, done: string) =>
    changeOnCentral(work, done, (next) => {
      setOverview(next);
      setEditing(null);
      setRemoving(null);
      setProposed(null);
    });

  async function propose() {
    setBusy(true);
    try {
      setProposed(await call('records:prefill', {}));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Nothing proposed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function exportAs(format: 'xlsx' | 'pdf') {
    setBusy(true);
    try {
      const written = await call('records:export', { format, language });
      if (written) {
        notifications.show({
          color: 'green',
          message: `The register (version ${written.version}, ${written.activities} activities) is written to ${written.path}.`,
        });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not exported', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const admin = overview?.canChange === true;
  const existing = new Set(overview?.activities.map((a) => a.activity_id) ?? []);
  const fresh = proposed?.filter((a) => !existing.has(a.activity_id)) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="records-title">
      {modal}
      <CentralCardHeader id="records-title" title="Records of processing" onReload={load} />
      <Text size="sm" c="dimmed" mb="sm">
        The register of processing activities (Article 30 GDPR), kept centrally. Access reports take
        each section&apos;s purposes, legal basis, recipients, retention and transfers from the
        activity that names the section; a section no activity names uses the access statement
        below.
      </Text>
      {failure?.offline && (
        <Text size="sm">
          The register is read from central: connect a central database above first.
        </Text>
      )}
      {failure && !failure.offline && (
        <Alert color="red" title="Cannot read the records of processing">
          {failure.text}
        </Alert>
      )}
      {!overview && !failure && <Loader size="sm" aria-label="Loading the records of processing" />}
      {overview && (
        <Stack gap="sm">
          {overview.offline && (
            <Alert color="yellow" data-testid="records-offline">
              Central does not answer: this is the register as of the last sync, read-only.
            </Alert>
          )}
          {!admin && !overview.offline && (
            <Alert color="blue" data-testid="records-read-only">
              Only an administrator&apos;s login can change the records of processing; this desk
              logs in to central as “{overview.login}”. Ask an administrator.
            </Alert>
          )}
          {admin && (
            <Group gap="xs">
              <Button
                size="xs"
                onClick={() => setEditing({ activity: EMPTY, isNew: true })}
                disabled={busy}
              >
                Add an activity
              </Button>
              <Button size="xs" variant="light" onClick={() => void propose()} loading={busy}>
                Propose from the data map
              </Button>
            </Group>
          )}
          <Group gap="xs" align="flex-end">
            <Select
              size="xs"
              w={190}
              label="Export with headings in"
              data={REQUESTER_LANGUAGES.map((l) => ({
                value: l,
                label: REQUESTER_LANGUAGE_NAMES[l],
              }))}
              value={language}
              allowDeselect={false}
              onChange={(v) => v && setLanguage(v)}
            />
            <Button
              size="xs"
              variant="default"
              onClick={() => void exportAs('xlsx')}
              disabled={busy || overview.offline === true}
            >
              Export XLSX
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => void exportAs('pdf')}
              disabled={busy || overview.offline === true}
            >
              Export PDF
            </Button>
          </Group>
          {proposed && (
            <Alert color="teal" title="Proposed from the data map" data-testid="records-proposed">
              <Stack gap="xs">
                <Text size="sm">
                  {fresh.length === 0
                    ? 'Every proposed activity is in the register already.'
                    : `${fresh.length} new ${fresh.length === 1 ? 'activity' : 'activities'}: ${fresh.map((a) => a.name).join(', ')}. Read them after saving and correct what does not fit.`}
                  {proposed.length > fresh.length &&
                    ` ${proposed.length - fresh.length} already in the register are left as they are.`}
                </Text>
                <Group>
                  {fresh.length > 0 && (
                    <Button
                      size="xs"
                      loading={busy}
                      onClick={() =>
                        void change(
                          (totp) =>
                            call('records:save', { activities: fresh, ...(totp ? { totp } : {}) }),
                          `${fresh.length} activities are saved centrally.`,
                        )
                      }
                    >
                      Save the proposed activities
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" onClick={() => setProposed(null)}>
                    Discard
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {overview.activities.length === 0 ? (
            <Text size="sm" data-testid="records-empty">
              The register holds no activities yet.
              {admin && ' Propose them from the data map, or add one.'}
            </Text>
          ) : (
            <Table aria-label="Records of processing" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Activity</Table.Th>
                  <Table.Th>Categories of data</Table.Th>
                  <Table.Th>Report sections</Table.Th>
                  <Table.Th>Version</Table.Th>
                  {admin && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.activities.map((a) => (
                  <Table.Tr key={a.activity_id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {a.name}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {a.purposes}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {a.data_categories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {a.report_sections.map((x) => STATEMENT_CATEGORY_LABELS[x]).join(', ') ||
                          '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">v{a.version}</Text>
                      <Text size="xs" c="dimmed">
                        {nameOf(a.updated_by)}, {new Date(a.updated_at).toLocaleDateString()}
                      </Text>
                    </Table.Td>
                    {admin && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="light"
                            aria-label={`Change ${a.name}`}
                            onClick={() => setEditing({ activity: editable(a), isNew: false })}
                          >
                            Change
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${a.name}`}
                            onClick={() => setRemoving(a)}
                          >
                            Remove
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {overview.changes.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="records-history">
              {overview.changeCount} {overview.changeCount === 1 ? 'change' : 'changes'} kept in the
              history; the latest: {overview.changes[0]?.name} (v
              {overview.changes[0]?.version},{' '}
              {overview.changes[0]?.change === 'remove' ? 'removed' : 'saved'} by{' '}
              {overview.changes[0]?.changed_by}).
            </Text>
          )}
          {removing && (
            <ConfirmRemoval
              title={`Remove ${removing.name}?`}
              busy={busy}
              onKeep={() => setRemoving(null)}
              onRemove={() =>
                void change(
                  (totp) =>
                    call('records:remove', {
                      activityId: removing.activity_id,
                      baseVersion: removing.version,
                      ...(totp ? { totp } : {}),
                    }),
                  `${removing.name} was removed from the register.`,
                )
              }
            >
              Its versions stay in the history. The access report sections it covered then read the
              access statement again.
            </ConfirmRemoval>
          )}
          {editing && (
            <Paper withBorder p="sm">
              <ProcessingActivityForm
                key={editing.activity.activity_id || 'new'}
                initial={editing.activity}
                isNew={editing.isNew}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={(activity) =>
                  void change(
                    (totp) =>
                      call('records:save', { activities: [activity], ...(totp ? { totp } : {}) }),
                    `${activity.name} is saved centrally.`,
                  )
                }
              />
            </Paper>
          )}
        </Stack>
      )}
    </Paper>
  );
}
