import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { SyncOverview } from '../../../../shared/types';
import { call, errorMessage } from '../../ipc';

const TLS_MODES = [
  { value: 'verify-full', label: 'Encrypted, server certificate checked (recommended)' },
  { value: 'require', label: 'Encrypted, certificate not checked' },
  { value: 'disable', label: 'Not encrypted (only for a database on this computer)' },
];

/**
 * The central database this desk syncs from. Saving tests the connection first; the password is
 * kept in the OS keychain (or inside the encrypted replica in passphrase mode), never in a file.
 */
export function CentralConnectionForm() {
  const [host, setHost] = useState('');
  const [port, setPort] = useState<number | string>(5432);
  const [database, setDatabase] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [sslMode, setSslMode] = useState('verify-full');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    call('sync:status', {}).then(
      (overview: SyncOverview) => {
        const c = overview.connection;
        if (!c) return;
        setHost(c.host);
        setPort(c.port);
        setDatabase(c.database);
        setUser(c.user);
        setSslMode(c.sslMode);
      },
      () => undefined,
    );
  }, []);

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const url = new URL('postgres://placeholder');
      url.hostname = host.trim();
      url.port = String(port);
      url.pathname = `/${encodeURIComponent(database.trim())}`;
      url.username = encodeURIComponent(user.trim());
      url.searchParams.set('sslmode', sslMode);
      await call('sync:connect', {
        url: url.toString(),
        ...(password === '' ? {} : { password }),
      });
      setPassword('');
      setOutcome({
        ok: true,
        text: 'Connected. The settings are saved and the desk syncs in the background.',
      });
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const incomplete = host.trim() === '' || database.trim() === '' || user.trim() === '';

  return (
    <Paper withBorder p="md" component="section" aria-label="Central database">
      <Title order={3} size="h4" mb="xs">
        Central database
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Log in with your own PostgreSQL account; its role (viewer, officer, approver, admin) decides
        what this desk may change.
      </Text>
      <form onSubmit={(event) => void save(event)}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Host"
              value={host}
              onChange={(e) => setHost(e.currentTarget.value)}
              required
            />
            <NumberInput
              label="Port"
              value={port}
              onChange={setPort}
              min={1}
              max={65535}
              required
            />
            <TextInput
              label="Database"
              value={database}
              onChange={(e) => setDatabase(e.currentTarget.value)}
              required
            />
            <TextInput
              label="User"
              value={user}
              onChange={(e) => setUser(e.currentTarget.value)}
              required
            />
            <PasswordInput
              label="Password"
              description="Leave empty to keep the saved one; changing host, port, database or user needs it again"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="off"
            />
            <Select
              label="TLS"
              data={TLS_MODES}
              value={sslMode}
              onChange={(value) => setSslMode(value ?? 'verify-full')}
              allowDeselect={false}
            />
          </SimpleGrid>
          {outcome && (
            <Alert color={outcome.ok ? 'green' : 'red'} role={outcome.ok ? 'status' : 'alert'}>
              {outcome.text}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={incomplete}>
              Test connection and save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
