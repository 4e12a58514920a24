import {
  Alert,
  Button,
  Chip,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  ALERT_TITLES,
  RULE_DESCRIPTIONS,
  windowText,
  workDaysText,
} from '../../../../shared/alert-words';
import type { AlertRule, AlertRulesOverview } from '../../../../shared/alerts';
import { call } from '../../ipc';
import { useCentralSettings } from './useCentralSettings';
import { CentralCardHeader } from './CentralCardParts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The rules central measures the audit log against. Approvers and administrators see them; only
 * an administrator's login changes them, and central refuses anyone else.
 */
export function AlertRulesCard() {
  const {
    value: overview,
    setValue: setOverview,
    failure,
    load,
    busy,
    change,
    modal,
  } = useCentralSettings(() => call('alerts:rules', {}));
  const [editing, setEditing] = useState<AlertRule | null>(null);

  const save = (rule: AlertRule) =>
    change(
      (totp) => call('alerts:set-rule', { ...rule, ...(totp ? { totp } : {}) }),
      `${ALERT_TITLES[rule.kind]}: saved.`,
      (next) => {
        setOverview(next);
        setEditing(null);
      },
      'Not saved',
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="alert-rules-title">
      {modal}
      <CentralCardHeader id="alert-rules-title" title="Access alert rules" onReload={load} />
      <Text size="sm" c="dimmed" mb="sm">
        After each sync central measures every login’s audit entries against these rules and raises
        an alert, with counts and ids as evidence, for approvers and administrators.
      </Text>
      {failure?.offline && (
        <Text size="sm">They are read from central: connect a central database above first.</Text>
      )}
      {failure && !failure.offline && (
        <Alert color="orange" title="Cannot show the alert rules">
          {failure.text}
        </Alert>
      )}
      {overview && (
        <>
          {!overview.canChange && (
            <Text size="sm" mb="xs">
              Only an administrator’s login changes these; this desk logs in as {overview.login}.
            </Text>
          )}
          <Table verticalSpacing="xs" aria-label="Alert rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Alert when</Table.Th>
                <Table.Th>State</Table.Th>
                {overview.canChange && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.rules.map((rule) => (
                <Table.Tr key={rule.kind}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {ALERT_TITLES[rule.kind]}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {RULE_DESCRIPTIONS[rule.kind]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{condition(rule)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{rule.enabled ? 'On' : 'Off'}</Text>
                  </Table.Td>
                  {overview.canChange && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={`Change ${ALERT_TITLES[rule.kind]}`}
                        onClick={() => setEditing(editable(rule))}
                      >
                        Change
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {editing && (
        <RuleForm
          key={editing.kind}
          rule={editing}
          busy={busy}
          onSave={(rule) => void save(rule)}
          onCancel={() => setEditing(null)}
        />
      )}
    </Paper>
  );
}

/** The rule without who changed it last: what the form edits and central takes. */
function editable(rule: AlertRulesOverview['rules'][number]): AlertRule {
  const { changedBy: _by, changedAt: _at, ...rest } = rule;
  return rest;
}

function condition(rule: AlertRule): string {
  const over = rule.threshold === 0 ? 'any' : `more than ${rule.threshold}`;
  if (rule.kind === 'export_after_hours') {
    return `${over === 'any' ? 'Any export' : `${over} exports`} outside ${rule.workStart}–${rule.workEnd}, ${workDaysText(rule.workDays)} (${rule.timeZone})`;
  }
  if (rule.threshold === 0) {
    return `Any, one alert per login and ${windowText(rule.windowMinutes).replace(/^an? /, '')}`;
  }
  return `More than ${rule.threshold} in ${windowText(rule.windowMinutes)} by one login`;
}

function RuleForm({
  rule,
  busy,
  onSave,
  onCancel,
}: {
  rule: AlertRule;
  busy: boolean;
  onSave: (rule: AlertRule) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(rule);
  const set = (change: Partial<AlertRule>) => setDraft((d) => ({ ...d, ...change }));
  const hours = rule.kind === 'export_after_hours';
  return (
    <Paper
      withBorder
      p="sm"
      mt="sm"
      component="form"
      aria-label={`Change ${ALERT_TITLES[rule.kind]}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <Stack gap="xs">
        <Text fw={600}>{ALERT_TITLES[rule.kind]}</Text>
        <Switch
          label="On"
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Alert when more than"
            description="0: any at all"
            min={0}
            max={1_000_000}
            allowDecimal={false}
            value={draft.threshold}
            onChange={(v) => set({ threshold: typeof v === 'number' ? v : 0 })}
          />
          <NumberInput
            label="Within (minutes)"
            description="5 to 1440; one alert per login and window"
            min={5}
            max={1440}
            allowDecimal={false}
            value={draft.windowMinutes}
            onChange={(v) => set({ windowMinutes: typeof v === 'number' ? v : 60 })}
          />
        </Group>
        {hours && (
          <>
            <Group grow align="flex-start">
              <TextInput
                label="Working hours start"
                placeholder="08:00"
                value={draft.workStart}
                onChange={(e) => set({ workStart: e.currentTarget.value })}
              />
              <TextInput
                label="Working hours end"
                placeholder="18:00"
                value={draft.workEnd}
                onChange={(e) => set({ workEnd: e.currentTarget.value })}
              />
              <TextInput
                label="Organisation time zone"
                placeholder="Europe/Berlin"
                value={draft.timeZone}
                onChange={(e) => set({ timeZone: e.currentTarget.value })}
              />
            </Group>
            <Chip.Group
              multiple
              value={draft.workDays.map(String)}
              onChange={(days) => set({ workDays: days.map(Number).sort((a, b) => a - b) })}
            >
              <Group gap={6} aria-label="Working days">
                {DAYS.map((d, i) => (
                  <Chip key={d} value={String(i + 1)} size="xs">
                    {d}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </>
        )}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            Save on central
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
