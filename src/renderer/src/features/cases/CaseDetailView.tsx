import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCloudUpload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import {
  PRIORITIES,
  REQUEST_TYPE_LABELS,
  STATUS_LABELS,
  type CaseDetail,
} from '../../../../shared/cases';
import { BackButton, LoadFailed } from '../shell/LoadFailed';
import { useSyncedCall } from '../shell/useSyncedCall';
import { humanise, STATUS_COLOURS } from './case-labels';
import { ExportCaseCard } from '../exports/ExportCaseCard';
import { LegalHoldCard } from '../retention/LegalHoldCard';
import { RightsCard } from '../rights/RightsCard';
import { CommunicationsCard } from './CommunicationsCard';
import { DeadlineCard } from './DeadlineCard';
import { IdentityCard } from './IdentityCard';
import { SubjectsCard } from './SubjectsCard';
import { TimelineCard } from './TimelineCard';
import { useCaseAction } from './useCaseAction';
import { WorkflowCard } from './WorkflowCard';
import { AssigneePicker } from '../team/AssigneePicker';
import { useOfficerName } from '../team/TeamDirectory';
import { RoleNote } from '../access/RoleNote';
import { useRoleRefusal } from '../access/useDeskAccess';

interface Props {
  caseId: string;
  onBack: () => void;
  onOpenCase: (caseId: string) => void;
  onOpenProfile: (customerId: number) => void;
}

/** One case: its clock, workflow, identity check, subjects, letters and timeline. */
export function CaseDetailView({ caseId, onBack, onOpenCase, onOpenProfile }: Props) {
  const {
    value: detail,
    error,
    setValue: setDetail,
    reload,
  } = useSyncedCall('cases:get', { caseId });

  const back = <BackButton label="Back to cases" onBack={onBack} />;
  if (error) return <LoadFailed title="Cannot open this case" message={error} back={back} />;
  if (!detail) return <Loader aria-label="Loading case" />;
  return (
    <Loaded
      detail={detail}
      onChange={setDetail}
      onReload={reload}
      back={back}
      onOpenCase={onOpenCase}
      onOpenProfile={onOpenProfile}
    />
  );
}

function Loaded({
  detail,
  onChange,
  onReload,
  back,
  onOpenCase,
  onOpenProfile,
}: {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
  /** Loads the case again: an export adds to its timeline without changing the case. */
  onReload: () => void;
  back: ReactNode;
  onOpenCase: (caseId: string) => void;
  onOpenProfile: (customerId: number) => void;
}) {
  const { act, busy: acting } = useCaseAction(detail, onChange);
  const nameOf = useOfficerName();
  // A login that may not change cases reads them: every control stays, disabled, with the reason.
  const readOnly = useRoleRefusal('change-records');
  const busy = acting || readOnly !== null;
  const props = { detail, act, busy };
  return (
    <Stack>
      {back}
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Title order={2}>
            {detail.reference ?? 'New case (numbered when central receives it)'}
          </Title>
          <Text c="dimmed">
            {REQUEST_TYPE_LABELS[detail.requestType]} · {detail.jurisdiction.toUpperCase()} ·
            received by {humanise(detail.channel)} · opened by {nameOf(detail.createdBy)}
          </Text>
        </Stack>
        <Group gap="xs">
          {detail.pending && (
            <Badge color="gray" variant="outline" leftSection={<IconCloudUpload size={12} />}>
              Pending sync
            </Badge>
          )}
          <Badge size="lg" color={STATUS_COLOURS[detail.status]} data-testid="case-status">
            {STATUS_LABELS[detail.status]}
          </Badge>
        </Group>
      </Group>
      {readOnly !== null && <RoleNote text={`You can read this case. ${readOnly}`} />}
      {detail.relatedCaseIds.length > 0 && (
        <Alert color="yellow" title="Related requests from the same person">
          <Group gap="xs">
            {detail.relatedCaseIds.map((id) => (
              <Anchor key={id} component="button" onClick={() => onOpenCase(id)}>
                Open related case
              </Anchor>
            ))}
          </Group>
        </Alert>
      )}
      {/* Full width: an erasure plan is a table the approver reads line by line. */}
      <RightsCard detail={detail} onChange={onChange} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <DeadlineCard {...props} />
            <WorkflowCard {...props} />
            <IdentityCard {...props} />
            <SubjectsCard {...props} onOpenProfile={onOpenProfile} />
            <LegalHoldCard caseId={detail.caseId} what="the case's subjects" />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Card withBorder>
              <Stack gap="xs">
                <Title order={3} size="h5">
                  Requester
                </Title>
                <Text size="sm" data-testid="requester">
                  {[
                    ...detail.requester.names,
                    ...detail.requester.emails,
                    ...detail.requester.phones,
                  ].join(' · ')}
                </Text>
                {detail.agent && (
                  <Text size="sm">
                    Authorised agent: {detail.agent.name}
                    {detail.agent.email ? ` (${detail.agent.email})` : ''}; authority:{' '}
                    {detail.agent.authority}
                  </Text>
                )}
                <Group align="end" gap="xs">
                  <AssigneeField
                    key={detail.assignee ?? ''}
                    current={detail.assignee}
                    act={act}
                    busy={busy}
                  />
                  <Select
                    label="Priority"
                    data={PRIORITIES.map((p) => ({ value: p, label: humanise(p) }))}
                    value={detail.priority}
                    disabled={busy}
                    onChange={(value) =>
                      value &&
                      value !== detail.priority &&
                      void act({ action: 'update', changes: { priority: value } })
                    }
                    w={130}
                  />
                </Group>
              </Stack>
            </Card>
            <ExportCaseCard
              key={detail.version}
              caseId={detail.caseId}
              detail={detail}
              onExported={onReload}
              onDecided={onChange}
            />
            <CommunicationsCard {...props} />
            <TimelineCard events={detail.timeline} act={act} busy={busy} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Remounted (by key) when the case's assignee changes, so the box always starts from it. */
function AssigneeField({
  current,
  act,
  busy,
}: {
  current: string | null;
  act: ReturnType<typeof useCaseAction>['act'];
  busy: boolean;
}) {
  const [assignee, setAssignee] = useState(current ?? '');
  return (
    <>
      <AssigneePicker label="Assignee" value={assignee} onChange={setAssignee} w={200} />
      <Button
        variant="light"
        disabled={busy || assignee.trim() === (current ?? '')}
        onClick={() =>
          void act(
            { action: 'update', changes: { assignee: assignee.trim() || null } },
            'Assigned.',
          )
        }
      >
        Assign
      </Button>
    </>
  );
}
