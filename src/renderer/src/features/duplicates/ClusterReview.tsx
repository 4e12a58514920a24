import { Alert, Button, Group, List, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { MERGE_FIELDS, type MergePlan, type MergeRecordSummary } from '../../../../shared/dedupe';
import { call, errorMessage } from '../../ipc';
import { ComparisonTable, type MergeChoice } from './ComparisonTable';
import { PairEvidence } from './PairEvidence';

function defaultChoice(plan: MergePlan): MergeChoice {
  return {
    survivorId: plan.survivorId,
    fields: Object.fromEntries(
      MERGE_FIELDS.map((f) => [f, plan.fields[f].from]),
    ) as MergeChoice['fields'],
  };
}

/**
 * One cluster under review: why its records look alike, the records side by side, and the three
 * decisions: merge (with the chosen survivor and values), not the same person, or skip.
 */
export function ClusterReview({
  customerIds,
  onDone,
  onSkip,
  onBack,
}: {
  customerIds: number[];
  onDone: (merge: MergeRecordSummary | null) => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const [plan, setPlan] = useState<MergePlan | null>(null);
  const [choice, setChoice] = useState<MergeChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = customerIds.join(',');

  useEffect(() => {
    let live = true;
    call('duplicates:compare', { customerIds: key.split(',').map(Number) }).then(
      (loaded) => {
        if (!live) return;
        setPlan(loaded);
        setChoice(defaultChoice(loaded));
      },
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  if (error && !plan) {
    return (
      <Alert color="red" title="Cannot compare these records">
        {error}
        <Group mt="sm">
          <Button variant="default" onClick={onBack}>
            Back to the list
          </Button>
        </Group>
      </Alert>
    );
  }
  if (!plan || !choice) return <Loader aria-label="Loading records" />;

  const act = (run: () => Promise<MergeRecordSummary | null>) => {
    setBusy(true);
    setError(null);
    run().then(
      (merge) => {
        setBusy(false);
        onDone(merge);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };
  const merge = () =>
    act(() =>
      call('duplicates:merge', {
        survivorId: choice.survivorId,
        mergedIds: plan.records.map((r) => r.customerId).filter((id) => id !== choice.survivorId),
        fields: choice.fields,
        baseVersions: Object.fromEntries(
          plan.records.map((r) => [String(r.customerId), r.version]),
        ),
      }),
    );
  const dismiss = () =>
    act(() => call('duplicates:dismiss', { customerIds: plan.records.map((r) => r.customerId) }));
  const withdrawn = plan.consents.filter((c) => !c.granted && c.withdraws.length > 0);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Compare {plan.records.length} records</Title>
        <Button variant="subtle" onClick={onBack}>
          Back to the list
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: Math.min(plan.pairs.length, 3) }}>
        {plan.pairs.map((pair) => (
          <PairEvidence key={`${pair.a}-${pair.b}`} pair={pair} />
        ))}
      </SimpleGrid>
      <ComparisonTable plan={plan} choice={choice} onChange={setChoice} />
      <Stack gap={4}>
        <Text fw={600}>What the merge also does</Text>
        <List size="sm">
          <List.Item>
            Every address, order, interaction, event and consent moves to record #
            {choice.survivorId}; the other records are kept, marked as merged, so the merge can be
            undone.
          </List.Item>
          <List.Item>Tags of all records are kept: {plan.tags.join(', ') || 'none'}.</List.Item>
          {plan.restricted && (
            <List.Item>One record is restricted: the merged person is restricted.</List.Item>
          )}
          {withdrawn.map((c) => (
            <List.Item key={c.purpose}>
              Consent for {c.purpose} was refused or withdrawn on #{c.fromCustomerId}: the most
              restrictive answer wins, so it is withdrawn on the merged person.
            </List.Item>
          ))}
          {plan.records.some((r) => r.openCases.length > 0) && (
            <List.Item>
              Open requests naming a merged record will name #{choice.survivorId}.
            </List.Item>
          )}
        </List>
      </Stack>
      {error && (
        <Alert color="red" title="Not done">
          {error}
        </Alert>
      )}
      <Group>
        <Button color="red" onClick={merge} loading={busy}>
          Merge into #{choice.survivorId}
        </Button>
        <Button variant="default" onClick={dismiss} disabled={busy}>
          Not the same person
        </Button>
        <Button variant="subtle" onClick={onSkip} disabled={busy}>
          Skip
        </Button>
      </Group>
    </Stack>
  );
}
