import {
  Alert,
  Anchor,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { call } from '../../ipc';
import { useState } from 'react';
import type { ClusterSummary, MergeRecordSummary } from '../../../../shared/dedupe';
import { LoadFailed } from '../shell/LoadFailed';
import { useSyncedCall } from '../shell/useSyncedCall';
import { CheckPanel } from './CheckPanel';
import { ClusterList } from './ClusterList';
import { ClusterReview } from './ClusterReview';
import { DismissedPairs } from './DismissedPairs';
import { RecentMerges } from './RecentMerges';

const PAGE = 25;

/** Candidate duplicates to review, the review itself, and the merges made here (with undo). */
export function DuplicatesScreen({
  onOpenProfile,
}: {
  onOpenProfile: (customerId: number) => void;
}) {
  const [band, setBand] = useState<'all' | 'likely' | 'possible'>('all');
  const [minSize, setMinSize] = useState(2);
  const [text, setText] = useState('');
  const [pageNo, setPageNo] = useState(1);
  const [reviewing, setReviewing] = useState<ClusterSummary | null>(null);
  const [merged, setMerged] = useState<MergeRecordSummary | null>(null);
  const filter = { band, minSize, text, offset: (pageNo - 1) * PAGE, limit: PAGE };
  const page = useSyncedCall('duplicates:clusters', filter);
  const merges = useSyncedCall('duplicates:merges', { customerId: null });
  // An undone merge or "not the same person" has its records checked again in the background:
  // shown at once, and again when that check (joined here) has scored them.
  const reloadAfterRecheck = () => {
    reload();
    if (page.value?.lastRun) {
      call('duplicates:check', { kind: 'incremental' }).then(reload, () => undefined);
    }
  };
  const reload = () => {
    page.reload();
    merges.reload();
  };

  if (page.error)
    return <LoadFailed title="Cannot list duplicates" message={page.error} back={null} />;
  if (!page.value) return <Loader aria-label="Loading duplicates" />;
  const clusters = page.value.clusters;

  if (reviewing) {
    const next = () => {
      const at = clusters.findIndex((c) => c.clusterId === reviewing.clusterId);
      setReviewing(clusters[at + 1] ?? null);
    };
    return (
      <ClusterReview
        key={reviewing.clusterId}
        customerIds={reviewing.members.map((m) => m.customerId)}
        onBack={() => setReviewing(null)}
        onSkip={next}
        onDone={(merge) => {
          setMerged(merge);
          setReviewing(null);
          reload();
        }}
      />
    );
  }

  return (
    <Stack>
      <Title order={2}>Duplicates</Title>
      <Text c="dimmed" maw={760}>
        Records that are probably the same person, scored field by field (names, date of birth, ID
        number, email, phone, address); family members who share contact details are held back.
        Review each: merge with the values you choose, or say they are different people and they
        will not be suggested again. Every merge can be undone.
      </Text>
      <CheckPanel page={page.value} onChecked={reload} />
      {merged && (
        <Alert color="teal" title="Merged" withCloseButton onClose={() => setMerged(null)}>
          Records {merged.mergedIds.map((id) => `#${id}`).join(', ')} are now part of #
          {merged.survivorId}.{' '}
          <Anchor component="button" onClick={() => onOpenProfile(merged.survivorId)}>
            Open the merged profile
          </Anchor>
        </Alert>
      )}
      <Group align="end">
        <SegmentedControl
          aria-label="Band"
          value={band}
          onChange={(value) => {
            setBand(value);
            setPageNo(1);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'likely', label: 'Likely' },
            { value: 'possible', label: 'Possible' },
          ]}
        />
        <Select
          label="Records in a cluster"
          value={String(minSize)}
          onChange={(value) => {
            setMinSize(Number(value ?? 2));
            setPageNo(1);
          }}
          data={[
            { value: '2', label: '2 or more' },
            { value: '3', label: '3 or more' },
          ]}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          label="Name or email contains"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPageNo(1);
          }}
          w={260}
        />
      </Group>
      {clusters.length === 0 ? (
        <Alert color="gray">
          {page.value.lastRun ? 'No candidates match.' : 'Check the records to find duplicates.'}
        </Alert>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {page.value.total.toLocaleString()} cluster(s), strongest first.
          </Text>
          <ClusterList clusters={clusters} onReview={setReviewing} />
          {page.value.total > PAGE && (
            <Pagination
              total={Math.ceil(page.value.total / PAGE)}
              value={pageNo}
              onChange={setPageNo}
            />
          )}
        </>
      )}
      <Title order={3}>Merges made on this desk</Title>
      {merges.value ? (
        <RecentMerges merges={merges.value} onChanged={reloadAfterRecheck} onOpen={onOpenProfile} />
      ) : (
        <Loader size="sm" />
      )}
      <Title order={3}>Marked as different people</Title>
      <DismissedPairs onChanged={reloadAfterRecheck} onOpen={onOpenProfile} />
    </Stack>
  );
}
