import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';

interface Props {
  title: string;
  label: string;
  required: boolean;
  confirm: string;
  children?: ReactNode;
  onConfirm: (reason: string | null) => Promise<boolean>;
  onClose: () => void;
}

/** Asks for the reason an action needs (rejection, extension, pause, a declined approval). */
export function ReasonModal({
  title,
  label,
  required,
  confirm,
  children,
  onConfirm,
  onClose,
}: Props) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const missing = required && reason.trim() === '';
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        {children}
        <Textarea
          label={label}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required={required}
          autosize
          minRows={2}
          data-autofocus
        />
        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={missing}
            loading={busy}
            onClick={() => {
              setBusy(true);
              void onConfirm(reason.trim() || null).then((ok) => {
                setBusy(false);
                if (ok) onClose();
              });
            }}
          >
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
