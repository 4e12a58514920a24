import { List, Loader, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { DemoStartStep, DemoStartStepName } from '../../../../shared/demo-start';
import { useEvent } from '../../ipc';

type Row = { key: 'workspace' | DemoStartStepName; label: string };

const LABELS: Record<Exclude<DemoStartStepName, 'ready'>, string> = {
  'start-database': 'Starting the built-in central database',
  unpack: 'Loading the prepared synthetic customers',
  'install-schema': "Checking Reflect's tables in the central database",
  seed: 'Writing the synthetic customers',
  'duplicate-truth': 'Noting which synthetic customers are deliberate duplicates',
};

/**
 * What a demo workspace's first start is doing, step by step, as main reports it: each step
 * shows once it begins, done ones are ticked, and seeding counts customers. The desk's first
 * sync follows on the home screen, with its own progress.
 */
export function DemoStartProgress() {
  const [seen, setSeen] = useState<DemoStartStepName[]>([]);
  const [seeded, setSeeded] = useState<{ done: number; total: number } | null>(null);
  useEvent('demo:start-step', (step: DemoStartStep) => {
    if (step.step === 'seed') setSeeded({ done: step.done, total: step.total });
    setSeen((steps) => (steps.includes(step.step) ? steps : [...steps, step.step]));
  });

  // It appears below the form: brought into view, so a 720-pixel window shows it whole.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => list.current?.scrollIntoView({ block: 'nearest' }), [seen.length]);

  const current = seen.at(-1) ?? null;
  const rows: Row[] = [
    { key: 'workspace', label: 'Creating the encrypted workspace' },
    ...seen.flatMap((step): Row[] =>
      step === 'ready'
        ? []
        : [
            {
              key: step,
              label:
                step === 'seed' && seeded
                  ? `${LABELS.seed}: ${seeded.done.toLocaleString()} of ${seeded.total.toLocaleString()}`
                  : LABELS[step],
            },
          ],
    ),
  ];
  const running = (row: Row): boolean =>
    current === null ? row.key === 'workspace' : row.key === current && current !== 'ready';

  return (
    <Stack
      ref={list}
      gap="xs"
      role="status"
      aria-live="polite"
      aria-label="Starting the demo workspace"
    >
      <Text size="sm" fw={500}>
        Starting the demo workspace
      </Text>
      <List spacing={6} size="sm" center>
        {rows.map((row) => (
          <List.Item
            key={row.key}
            icon={
              running(row) ? (
                <Loader size={16} aria-label="in progress" />
              ) : (
                <ThemeIcon size={16} radius="xl" color="teal" aria-label="done">
                  <Text size="xs" c="white" lh={1} aria-hidden>
                    ✓
                  </Text>
                </ThemeIcon>
              )
            }
          >
            {row.label}
          </List.Item>
        ))}
      </List>
      {current === 'seed' && seeded && seeded.total > 0 && (
        <Progress
          value={(100 * seeded.done) / seeded.total}
          aria-label="Synthetic customers written"
        />
      )}
      <Text size="xs" c="dimmed">
        Then the desk copies the central database into its encrypted replica; the home screen shows
        how far it is.
      </Text>
    </Stack>
  );
}
