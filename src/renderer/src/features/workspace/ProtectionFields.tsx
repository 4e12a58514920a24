import { PasswordInput, Radio, Stack } from '@mantine/core';
import type { KeyMode } from '../../../../shared/types';

// Mirrors passphraseSchema in the contract, so the officer hears about it before main refuses.
export const MIN_PASSPHRASE = 12;

export interface ProtectionDraft {
  keyMode: KeyMode;
  passphrase: string;
  repeat: string;
}

export const emptyProtection = (keyMode: KeyMode): ProtectionDraft => ({
  keyMode,
  passphrase: '',
  repeat: '',
});

export function passphraseProblem(passphrase: string, repeat: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE) return `Use at least ${MIN_PASSPHRASE} characters.`;
  if (repeat !== passphrase) return 'The passphrases differ.';
  return null;
}

/** What the draft asks main for, or why it cannot yet. */
export function protectionTarget(
  draft: ProtectionDraft,
): { keyMode: 'keychain' } | { keyMode: 'passphrase'; passphrase: string } | null {
  if (draft.keyMode === 'keychain') return { keyMode: 'keychain' };
  return passphraseProblem(draft.passphrase, draft.repeat) === null
    ? { keyMode: 'passphrase', passphrase: draft.passphrase }
    : null;
}

/** A new passphrase typed twice: a typo in one that is typed once would lock the officer out. */
export function NewPassphraseFields({
  label,
  passphrase,
  repeat,
  showErrors,
  onChange,
}: {
  label: string;
  passphrase: string;
  repeat: string;
  showErrors: boolean;
  onChange: (next: { passphrase: string; repeat: string }) => void;
}) {
  const tooShort = passphrase.length < MIN_PASSPHRASE;
  return (
    <>
      <PasswordInput
        label={label}
        description={`At least ${MIN_PASSPHRASE} characters.`}
        value={passphrase}
        onChange={(event) => onChange({ passphrase: event.currentTarget.value, repeat })}
        error={showErrors && tooShort ? `Use at least ${MIN_PASSPHRASE} characters.` : null}
        autoComplete="new-password"
        required
      />
      <PasswordInput
        label={`Repeat ${label.toLowerCase()}`}
        value={repeat}
        onChange={(event) => onChange({ passphrase, repeat: event.currentTarget.value })}
        error={showErrors && !tooShort && repeat !== passphrase ? 'The passphrases differ.' : null}
        autoComplete="new-password"
        required
      />
    </>
  );
}

/** Keychain or passphrase, and the new passphrase when chosen. */
export function ProtectionFields({
  label,
  draft,
  keychainAvailable,
  keychainDescription,
  showErrors,
  onChange,
}: {
  label: string;
  draft: ProtectionDraft;
  keychainAvailable: boolean;
  keychainDescription: string;
  showErrors: boolean;
  onChange: (draft: ProtectionDraft) => void;
}) {
  return (
    <Stack gap="sm">
      <Radio.Group
        label={label}
        value={draft.keyMode}
        onChange={(value) =>
          onChange({ ...draft, keyMode: value === 'passphrase' ? 'passphrase' : 'keychain' })
        }
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="keychain"
            label="OS keychain"
            description={
              keychainAvailable ? keychainDescription : 'Not available on this computer right now.'
            }
            disabled={!keychainAvailable}
          />
          <Radio
            value="passphrase"
            label="Passphrase"
            description="Typed at every unlock. If it is forgotten, the replica cannot be opened."
          />
        </Stack>
      </Radio.Group>
      {draft.keyMode === 'passphrase' && (
        <NewPassphraseFields
          label="New passphrase"
          passphrase={draft.passphrase}
          repeat={draft.repeat}
          showErrors={showErrors}
          onChange={(next) => onChange({ ...draft, ...next })}
        />
      )}
    </Stack>
  );
}
