import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  erasurePolicyProblem,
  isDateType,
  isTextType,
  type ErasurePolicy,
  type PolicyColumn,
  type PolicyStrategy,
  type ThenStrategy,
} from '../../../../shared/erasure-policies';

const STRATEGIES = [
  { value: 'delete', label: 'Delete the rows' },
  { value: 'anonymise', label: 'Keep the rows, anonymised' },
  { value: 'retain', label: 'Keep the rows for a period the law requires' },
];

const RULES = [
  { value: 'null', label: 'Empty it' },
  { value: 'hash', label: 'Replace by a salted hash' },
  { value: 'fixed', label: 'Set a fixed text' },
];

interface Rule {
  column: string | null;
  kind: 'null' | 'hash' | 'fixed';
  text: string;
}

function toRules(columns: Record<string, string>): Rule[] {
  return Object.entries(columns).map(([column, rule]) =>
    rule.startsWith('fixed:')
      ? { column, kind: 'fixed', text: rule.slice(6) }
      : { column, kind: rule === 'hash' ? 'hash' : 'null', text: '' },
  );
}

interface Props {
  initial: ErasurePolicy;
  columns: PolicyColumn[];
  busy: boolean;
  onSave: (policy: ErasurePolicy) => void;
  onCancel: () => void;
}

/**
 * One table's policy. What central would refuse is said under the form as the officer types
 * (the same check central runs), and saving waits until nothing is left to refuse.
 */
export function ErasurePolicyForm({ initial, columns, busy, onSave, onCancel }: Props) {
  const [strategy, setStrategy] = useState<PolicyStrategy>(initial.strategy);
  const [rules, setRules] = useState<Rule[]>(toRules(initial.columns));
  const [legalBasis, setLegalBasis] = useState(initial.legalBasis ?? '');
  const [years, setYears] = useState<number | string>(initial.retainYears ?? 10);
  const [from, setFrom] = useState<string | null>(initial.retainFrom);
  const [then, setThen] = useState<ThenStrategy>(initial.thenStrategy ?? 'delete');

  const usesColumns = strategy === 'anonymise' || (strategy === 'retain' && then === 'anonymise');
  const policy: ErasurePolicy = {
    table: initial.table,
    strategy,
    columns: usesColumns
      ? Object.fromEntries(
          rules.flatMap((r): [string, string][] =>
            r.column === null ? [] : [[r.column, r.kind === 'fixed' ? `fixed:${r.text}` : r.kind]],
          ),
        )
      : {},
    legalBasis: strategy === 'retain' ? legalBasis.trim() || null : null,
    retainYears: strategy === 'retain' ? (typeof years === 'number' ? years : null) : null,
    retainFrom: strategy === 'retain' ? from : null,
    thenStrategy: strategy === 'retain' ? then : null,
  };
  const problem = erasurePolicyProblem(policy, columns);
  const ruleColumns = (kind: Rule['kind']) =>
    columns
      .filter((c) => (kind === 'null' ? !c.notNull : isTextType(c.type)))
      .map((c) => ({ value: c.name, label: `${c.name} (${c.type})` }));
  const setRule = (index: number, change: Partial<Rule>) =>
    setRules(rules.map((r, i) => (i === index ? { ...r, ...change } : r)));

  return (
    <Stack gap="xs" data-testid="erasure-policy-form">
      <Text fw={500}>{initial.table}</Text>
      <Select
        label="When a person is erased"
        data={STRATEGIES}
        value={strategy}
        allowDeselect={false}
        onChange={(v) => setStrategy((v as PolicyStrategy | null) ?? 'delete')}
      />
      {strategy === 'retain' && (
        <>
          <TextInput
            label="Legal basis for keeping them"
            placeholder="e.g. tax law: invoices are kept for ten years (AO 147)"
            value={legalBasis}
            onChange={(e) => setLegalBasis(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <NumberInput
              label="Years kept"
              min={1}
              max={100}
              allowDecimal={false}
              value={years}
              onChange={setYears}
            />
            <Select
              label="Counted from"
              data={[
                { value: '', label: 'The day of the erasure' },
                ...columns
                  .filter((c) => isDateType(c.type))
                  .map((c) => ({ value: c.name, label: `The row's ${c.name}` })),
              ]}
              value={from ?? ''}
              allowDeselect={false}
              onChange={(v) => setFrom(v === '' || v === null ? null : v)}
            />
            <Select
              label="Then"
              data={[
                { value: 'delete', label: 'Delete them' },
                { value: 'anonymise', label: 'Anonymise them' },
              ]}
              value={then}
              allowDeselect={false}
              onChange={(v) => setThen(v === 'anonymise' ? 'anonymise' : 'delete')}
            />
          </SimpleGrid>
        </>
      )}
      {usesColumns && (
        <Stack gap={4}>
          <Text size="sm">
            Columns that identify the person (the link to the person is always removed):
          </Text>
          {rules.map((rule, index) => (
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={`Column ${index + 1}`}
                data={ruleColumns(rule.kind)}
                value={rule.column}
                onChange={(v) => setRule(index, { column: v })}
                style={{ flex: 2 }}
              />
              <Select
                label={`Rule for column ${index + 1}`}
                data={RULES}
                value={rule.kind}
                allowDeselect={false}
                onChange={(v) => setRule(index, { kind: (v as Rule['kind'] | null) ?? 'null' })}
                style={{ flex: 2 }}
              />
              {rule.kind === 'fixed' && (
                <TextInput
                  label={`Text for column ${index + 1}`}
                  value={rule.text}
                  onChange={(e) => setRule(index, { text: e.currentTarget.value })}
                  style={{ flex: 2 }}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove column ${index + 1}`}
                onClick={() => setRules(rules.filter((_, i) => i !== index))}
                mb={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => setRules([...rules, { column: null, kind: 'null', text: '' }])}
            >
              Add a column
            </Button>
          </Group>
        </Stack>
      )}
      {problem && (
        <Alert color="yellow" role="status">
          Central would refuse this: {problem}.
        </Alert>
      )}
      <Group>
        <Button disabled={problem !== null || busy} loading={busy} onClick={() => onSave(policy)}>
          Save the policy
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
