import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppError } from '../../../../shared/errors';
import type { LegalHold } from '../../../../shared/retention';
import { roleIncludes } from '../../../../shared/role-gates';
import { call, errorMessage } from '../../ipc';
import { useSyncedCall } from '../shell/useSyncedCall';
import { formatDate } from '../profile/format';
import { useOfficerName } from '../team/TeamDirectory';

/**
 * Legal holds on one person or case: retention skips their rows until the hold is released.
 * Read from central when shown (holds are central's, and placing one must take effect there at
 * once); officers see them, approvers and administrators place and release them; a viewer's
 * login may not read them, so the card is not shown to it.
 */
export function LegalHoldCard({
  customerId,
  caseId,
  what,
}: {
  customerId?: number;
  caseId?: string;
  what: string;
}) {
  const { value: access } = useSyncedCall('central:access', {});
  const nameOf = useOfficerName();
  const role = access?.access?.role;
  const known = access?.access !== undefined && access.access !== null;
  const mayRead = !known || roleIncludes(role ?? null, 'officer');
  const mayChange = !known || roleIncludes(role ?? null, 'approver');
  const [holds, setHolds] = useState<LegalHold[] | null>(null);
  const [failure, setFailure] = useState<{ quiet: boolean; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [placing, setPlacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const target = useMemo(
    () => (customerId === undefined ? { caseId: caseId ?? '' } : { customerId }),
    [customerId, caseId],
  );

  const load = useCallback(() => {
    call('holds:list', target).then(
      (value) => {
        setFailure(null);
        setHolds(value);
      },
      (error: unknown) =>
        setFailure({
          quiet:
            error instanceof AppError &&
            (error.code === 'NOT_CONFIGURED' || error.code === 'OFFLINE'),
          text: errorMessage(error),
        }),
    );
  }, [target]);
  useEffect(() => {
    if (mayRead) load();
  }, [load, mayRead]);

  if (!mayRead) return null;
  const live = holds?.filter((h) => h.releasedAt === null) ?? [];

  async function change(work: () => Promise<LegalHold[]>, done: string) {
    setBusy(true);
    try {
      setHolds(await work());
      setPlacing(false);
      setReason('');
      notifications.show({ color: 'green', message: done });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-label="Legal hold">
      <Group justify="space-between" mb={4}>
        <Group gap="xs">
          <Title order={3} size="h5">
            Legal hold
          </Title>
          {live.length > 0 && <Badge color="orange">On hold</Badge>}
        </Group>
        {mayChange && holds && live.length === 0 && !placing && (
          <Button size="compact-xs" variant="default" onClick={() => setPlacing(true)}>
            Place a legal hold
          </Button>
        )}
      </Group>
      {failure?.quiet && (
        <Text size="sm" c="dimmed">
          Legal holds are kept on central: they show once the desk is connected.
        </Text>
      )}
      {failure && !failure.quiet && (
        <Alert color="orange" p="xs">
          {failure.text}
        </Alert>
      )}
      {holds && live.length === 0 && !placing && (
        <Text size="sm" c="dimmed">
          No hold: retention policies apply to {what} as to everyone.
        </Text>
      )}
      <Stack gap={6}>
        {live.map((h) => (
          <Group key={h.holdId} justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm" style={{ flex: 1 }}>
              Retention is paused for {what}: “{h.reason}” (hold {h.holdId}, placed by{' '}
              {nameOf(h.placedBy)} on {formatDate(h.placedAt)}).
            </Text>
            {mayChange && (
              <Button
                size="compact-xs"
                variant="default"
                style={{ flexShrink: 0 }}
                loading={busy}
                onClick={() =>
                  void change(
                    () => call('holds:release', { holdId: h.holdId, ...target }),
                    'Legal hold released: retention applies again from its next run.',
                  )
                }
              >
                Release
              </Button>
            )}
          </Group>
        ))}
        {placing && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void change(
                () => call('holds:place', { ...target, reason }),
                'Legal hold placed: retention skips these rows until it is released.',
              );
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Why must the data be kept?"
                description="The matter, court or authority; up to 500 characters."
                maxLength={500}
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Group gap="xs">
                <Button type="submit" size="xs" loading={busy} disabled={reason.trim() === ''}>
                  Place the hold on central
                </Button>
                <Button size="xs" variant="default" onClick={() => setPlacing(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {!mayChange && live.length > 0 && (
          <Text size="xs" c="dimmed">
            Approvers and administrators release holds.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
