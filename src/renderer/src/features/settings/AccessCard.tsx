import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { MfaEnrolment } from '../../../../shared/role-gates';
import { normaliseCode } from '../../../../shared/totp';
import { call, errorMessage } from '../../ipc';
import { useTwoStepCode } from '../access/useTwoStepCode';
import { useSyncedCall } from '../shell/useSyncedCall';

const ROLE_TEXT = {
  viewer: 'Viewer: reads records and cases; changes nothing.',
  officer: 'Officer: works cases, rectifies, restricts, erases, merges.',
  approver: 'Approver: an officer who also approves other officers’ cases.',
  admin: 'Administrator: also sets erasure policies, the data map and retention.',
} as const;

/**
 * The central login's role, as of the last sync, and for an administrator the two-step codes
 * central asks for before an admin change: enrolled here, the secret kept centrally.
 */
export function AccessCard() {
  const { value, setValue } = useSyncedCall('central:access', {});
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const { withCode, modal } = useTwoStepCode();
  const access = value?.access ?? null;
  if (access === null) return null;

  async function enrol() {
    setBusy(true);
    try {
      setEnrolment(await withCode((totp) => call('mfa:enrol', totp ? { totp } : {})));
      setCode('');
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not enrolled', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    const typed = normaliseCode(code);
    if (!typed) return;
    setBusy(true);
    try {
      setValue(await call('mfa:confirm', { code: typed }));
      setEnrolment(null);
      notifications.show({ color: 'green', message: 'Two-step codes are on for this login.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not confirmed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="access-title">
      {modal}
      <Stack gap="sm">
        <Title order={3} size="h4" id="access-title">
          Role and two-step codes
        </Title>
        <Group gap="xs">
          <Text size="sm">
            Central login <Code>{access.login}</Code>
          </Text>
          <Badge variant="light" data-testid="desk-role">
            {access.role ?? 'no Reflect role'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {access.role
            ? ROLE_TEXT[access.role]
            : 'This login has no Reflect role on central: ask an administrator to grant one.'}{' '}
          The desk offers only what this role may do; central checks every change again.
        </Text>
        {access.role === 'admin' && (
          <>
            <Text size="sm">
              {access.mfaEnrolled
                ? 'Two-step codes are on: central asks for a fresh code before each policy, data map or retention change.'
                : access.mfaRequired
                  ? 'Central requires two-step codes of administrators: enrol before any admin change.'
                  : 'Not enrolled: admin changes go through without a code until you enrol. Enrolling is recommended.'}
            </Text>
            {enrolment === null ? (
              <Group>
                <Button size="xs" variant="light" loading={busy} onClick={() => void enrol()}>
                  {access.mfaEnrolled ? 'Move to a new phone' : 'Enrol for two-step codes'}
                </Button>
              </Group>
            ) : (
              <Stack gap="xs" data-testid="mfa-enrolment">
                <Text size="sm">
                  Scan this code with an authenticator app (or type the key), then enter the first
                  code it shows.
                </Text>
                <Image
                  src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
                  alt="QR code of the two-step secret"
                  w={180}
                  h={180}
                  bg="white"
                  p={4}
                />
                <Text size="sm">
                  Key: <Code data-testid="mfa-secret">{enrolment.secretBase32}</Code>
                </Text>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {enrolment.uri}
                </Text>
                <Alert color="yellow" variant="light" p="xs">
                  The key is shown only now. Anyone who has it can make codes for this login.
                </Alert>
                <Group align="flex-end">
                  <TextInput
                    label="First code"
                    value={code}
                    onChange={(e) => setCode(e.currentTarget.value)}
                    inputMode="numeric"
                    maxLength={7}
                    w={140}
                  />
                  <Button
                    loading={busy}
                    disabled={!normaliseCode(code)}
                    onClick={() => void confirm()}
                  >
                    Confirm
                  </Button>
                </Group>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
