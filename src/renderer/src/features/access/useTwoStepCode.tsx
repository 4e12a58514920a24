import { Button, Group, Modal, PinInput, Stack, Text } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { AppError } from '../../../../shared/errors';

interface Asking {
  problem: string;
  resolve: (code: string | null) => void;
}

/**
 * Runs an admin change; when central asks for a two-step code (or refuses the one given), asks
 * the administrator for the code shown in their authenticator app and tries again with it.
 * Cancelling rethrows central's answer, so the caller shows it as for any refusal.
 */
export function useTwoStepCode(): {
  withCode: <T>(work: (totp: string | undefined) => Promise<T>) => Promise<T>;
  modal: ReactNode;
} {
  const [asking, setAsking] = useState<Asking | null>(null);
  const [code, setCode] = useState('');
  const asked = useRef(asking);
  asked.current = asking;

  function ask(problem: string): Promise<string | null> {
    setCode('');
    return new Promise((resolve) => setAsking({ problem, resolve }));
  }

  async function withCode<T>(work: (totp: string | undefined) => Promise<T>): Promise<T> {
    let totp: string | undefined;
    for (;;) {
      try {
        return await work(totp);
      } catch (error) {
        const needsCode =
          error instanceof AppError &&
          ((error.code === 'MFA_REQUIRED' && !/has not enrolled/.test(error.message)) ||
            error.code === 'MFA_CODE_REFUSED');
        if (!needsCode) throw error;
        // Central's refusal of a code says why (wrong, used); its first ask needs no detail.
        const typed = await ask(
          error.code === 'MFA_CODE_REFUSED'
            ? error.message
            : 'Central asks for a fresh two-step code before it applies this administrator change.',
        );
        if (typed === null) throw error;
        totp = typed;
      }
    }
  }

  function finish(value: string | null) {
    asked.current?.resolve(value);
    setAsking(null);
  }

  const modal = (
    <Modal opened={asking !== null} onClose={() => finish(null)} title="Two-step code">
      <Stack>
        <Text size="sm">{asking?.problem}</Text>
        <Text size="sm">Enter the six digits your authenticator app shows for Reflect now.</Text>
        <PinInput
          length={6}
          type="number"
          oneTimeCode
          value={code}
          onChange={setCode}
          onComplete={(value) => finish(value)}
          aria-label="Two-step code"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => finish(null)}>
            Cancel
          </Button>
          <Button disabled={code.length !== 6} onClick={() => finish(code)}>
            Apply the change
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { withCode, modal };
}
