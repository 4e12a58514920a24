import {
  Alert,
  Button,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type {
  CentralQuality,
  QualityMetric,
  QualityProgress,
  QualityTrendPoint,
} from '../../../../shared/quality';
import { call, errorMessage, useEvent } from '../../ipc';
import { useSyncedCall } from '../shell/useSyncedCall';
import { CentralFiguresCard } from './CentralFiguresCard';
import { DuplicateTrendCard } from './DuplicateTrendCard';
import { FigureCard } from './FigureCard';
import { MissingFieldsCard } from './MissingFieldsCard';
import { QualityRecordsModal } from './QualityRecordsModal';
import { count, dateTime, percent } from './quality-format';

interface Props {
  onOpenProfile: (customerId: number) => void;
}

/**
 * How complete and clean the customer records are: missing critical fields, invalid contacts,
 * the duplicate rate and its trend, and from central how far each desk lags and how big the
 * change log is. Every figure opens the records behind it.
 */
export function QualityScreen({ onOpenProfile }: Props) {
  const summary = useSyncedCall('quality:summary', {});
  const [trend, setTrend] = useState<QualityTrendPoint[]>([]);
  const [central, setCentral] = useState<{
    central: CentralQuality | null;
    problem: string | null;
  } | null>(null);
  // Central is asked on opening; the button asks again.
  const [asks, setAsks] = useState(0);
  const [answered, setAnswered] = useState(-1);
  const [shown, setShown] = useState<QualityMetric | null>(null);
  const [progress, setProgress] = useState<QualityProgress | null>(null);
  useEvent('quality:progress', setProgress);

  useEffect(() => {
    let live = true;
    call('quality:central', {})
      .then(
        (answer) => live && setCentral(answer),
        (failure: unknown) =>
          live &&
          setCentral((c) => ({ central: c?.central ?? null, problem: errorMessage(failure) })),
      )
      .finally(() => live && setAnswered(asks));
    return () => {
      live = false;
    };
  }, [asks]);
  const asking = answered !== asks;
  useEffect(() => {
    // The trend moves when a count is recorded: after a check or sync, which reloads the summary.
    call('quality:trend', {}).then(setTrend, () => setTrend([]));
  }, [summary.value]);

  const value = summary.value;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Data quality</Title>
          <Text size="sm" c="dimmed" data-testid="quality-counted">
            {value
              ? `${count(value.customers)} records counted on this desk, ${dateTime(value.countedAt)}.`
              : 'Counting the records in the replica…'}
          </Text>
        </div>
        <Button variant="default" size="xs" onClick={summary.reload} disabled={!value}>
          Refresh
        </Button>
      </Group>
      {summary.error ? (
        <Alert color="red" title="The records could not be counted">
          {summary.error}
        </Alert>
      ) : null}
      {!value ? (
        summary.error ? null : (
          <Stack gap={6} maw={520}>
            <Group gap="xs">
              <Loader size="sm" aria-label="Counting the records" />
              <Text size="sm">
                {progress && progress.total > 0
                  ? `Counted ${count(progress.done)} of ${count(progress.total)} records…`
                  : 'Reading every record in batches; a large replica takes a while the first time.'}
              </Text>
            </Group>
            {progress && progress.total > 0 ? (
              <Progress
                value={Math.min(100, (progress.done / progress.total) * 100)}
                aria-label="Records counted"
              />
            ) : null}
          </Stack>
        )
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <FigureCard
              label="Invalid email addresses"
              value={count(value.invalid.email.count)}
              detail={`of ${count(value.invalid.email.checked)} given`}
              showLabel="Show the records with an email address that is not valid"
              {...(value.invalid.email.count > 0
                ? { onShow: () => setShown('invalid:email') }
                : {})}
            />
            <FigureCard
              label="Invalid phone numbers"
              value={count(value.invalid.phone.count)}
              detail={`of ${count(value.invalid.phone.checked)} given`}
              showLabel="Show the records with a phone number that is not valid"
              {...(value.invalid.phone.count > 0
                ? { onShow: () => setShown('invalid:phone') }
                : {})}
            />
            <FigureCard
              label="Likely duplicates"
              value={percent(value.duplicates.likelyShare)}
              detail={`${count(value.duplicates.likely)} records`}
              showLabel="Show the records in a cluster of likely duplicates"
              {...(value.duplicates.likely > 0
                ? { onShow: () => setShown('duplicates:likely') }
                : {})}
            />
            <FigureCard
              label="Possible duplicates"
              value={percent(value.duplicates.possibleShare)}
              detail={`${count(value.duplicates.possible)} records`}
              showLabel="Show the records in a cluster of possible duplicates"
              {...(value.duplicates.possible > 0
                ? { onShow: () => setShown('duplicates:possible') }
                : {})}
            />
          </SimpleGrid>
          {value.duplicates.lastCheckAt === null ? (
            <Text size="sm" c="dimmed">
              No duplicate check has run on this desk yet, so the duplicate rate is not known: start
              one on the Duplicates screen.
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <MissingFieldsCard
              customers={value.customers}
              missing={value.missing}
              onShow={setShown}
            />
            <DuplicateTrendCard trend={trend} />
          </SimpleGrid>
        </>
      )}
      <CentralFiguresCard
        central={central?.central ?? value?.central ?? null}
        problem={central?.problem ?? null}
        loading={asking}
        onRefresh={() => setAsks((n) => n + 1)}
      />
      <QualityRecordsModal
        metric={shown}
        onClose={() => setShown(null)}
        onOpenProfile={(id) => {
          setShown(null);
          onOpenProfile(id);
        }}
      />
    </Stack>
  );
}
