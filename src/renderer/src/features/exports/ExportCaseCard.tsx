import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useSyncedCall } from '../shell/useSyncedCall';
import { ExportList } from './ExportList';
import { ExportModal } from './ExportModal';
import { ApprovePackage } from './ApprovePackage';
import { caseWorkBy, type CaseDetail } from '../../../../shared/cases';

/**
 * On a case: whether it may be exported now, the way to do it, and what was exported before.
 * The case screen remounts it when the case changes, so an approval or a new link shows at once.
 */
export function ExportCaseCard({
  caseId,
  detail,
  onExported,
  onDecided,
}: {
  caseId: string;
  detail: CaseDetail;
  onExported: () => void;
  onDecided: (detail: CaseDetail) => void;
}) {
  const [open, setOpen] = useState(false);
  const preview = useSyncedCall('exports:preview', { caseId });
  const list = useSyncedCall('exports:list', { caseId });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Export for the requester
          </Title>
          <Button
            size="xs"
            leftSection={<IconFileExport size={14} />}
            disabled={
              !preview.value || (preview.value.blocker !== null && !preview.value.proposable)
            }
            onClick={() => setOpen(true)}
          >
            Prepare export
          </Button>
        </Group>
        {!preview.value && !preview.error && <Loader size="sm" />}
        {preview.error && <Alert color="red">{preview.error}</Alert>}
        {preview.value?.blocker && (
          <Text size="sm" c="dimmed" data-testid="export-blocker">
            {preview.value.blocker}
            {preview.value.proposable &&
              (detail.status === 'in_progress' || caseWorkBy(detail, detail.officer).length > 0) &&
              ' Prepare the export and propose the package: the approver approves what it holds and withholds.'}
          </Text>
        )}
        {preview.value && <ApprovePackage caseId={caseId} detail={detail} onDecided={onDecided} />}
        {list.value && list.value.length > 0 && (
          <ExportList exports={list.value} onChanged={list.reload} />
        )}
      </Stack>
      {open && (
        <ExportModal
          caseId={caseId}
          onClose={() => setOpen(false)}
          onWritten={() => {
            list.reload();
            onExported();
          }}
        />
      )}
    </Card>
  );
}
