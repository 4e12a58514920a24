import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import type {
  AppInfo,
  AuditEntry,
  AuditVerification,
  ConflictView,
  SearchFacets,
  SearchResults,
  SubjectProfile,
  SyncOverview,
  SyncProgress,
  WorkspaceStatus,
} from '../types';
import type { Channel, EventName } from './names';

/**
 * Every IPC channel, declared once: the zod schema of its input and the type of its output.
 * Main derives `Handlers` from it (a channel without a handler fails typecheck), preload
 * allow-lists its names, the renderer derives a typed `call()`.
 */

export interface ChannelSpec<I extends z.ZodType, O> {
  input: I;
  /** Type-only marker; never read at run time. */
  output: O;
}

function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({
    input,
    output: undefined as O,
  });
}

const none = z.object({}).strict();

/** Long enough to resist guessing when scrypt makes each guess slow; bounded to refuse abuse. */
export const passphraseSchema = z
  .string()
  .min(12, 'Use a passphrase of at least 12 characters.')
  .max(1024, 'A passphrase may be at most 1024 characters.');

const workspaceCreateInput = z
  .object({
    name: z.string().trim().min(1, 'Give the workspace a name.').max(80),
    keyMode: z.enum(['keychain', 'passphrase']),
    passphrase: passphraseSchema.optional(),
    /** Sync from an embedded central database seeded with synthetic customers. */
    demo: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.keyMode === 'keychain' || v.passphrase !== undefined, {
    message: 'Passphrase mode needs a passphrase.',
    path: ['passphrase'],
  });

const unlockInput = z.object({ passphrase: z.string().min(1).max(1024).optional() }).strict();

const customerIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const contract = {
  'app:info': channel<AppInfo>()(none),
  'workspace:status': channel<WorkspaceStatus>()(none),
  'workspace:create': channel<WorkspaceStatus>()(workspaceCreateInput),
  'workspace:unlock': channel<WorkspaceStatus>()(unlockInput),
  'workspace:lock': channel<WorkspaceStatus>()(none),
  /** Moves a damaged replica aside (kept, never deleted) and opens a fresh one with the same key. */
  'workspace:reset-replica': channel<WorkspaceStatus>()(unlockInput),
  'audit:list': channel<AuditEntry[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
  ),
  'audit:verify': channel<AuditVerification>()(none),
  'sync:status': channel<SyncOverview>()(none),
  /** Tests the connection with these settings and, if it works, keeps them (password in the keychain). */
  'sync:connect': channel<SyncOverview>()(
    z
      .object({
        url: z
          .string()
          .max(2048)
          .regex(/^postgres(ql)?:\/\//, 'The central database URL must start with postgres://'),
        password: z.string().max(1024).optional(),
      })
      .strict(),
  ),
  'sync:run': channel<SyncOverview>()(none),
  'sync:conflicts': channel<ConflictView[]>()(none),
  'sync:resolve': channel<SyncOverview>()(
    z
      .object({
        conflictId: z.number().int().positive(),
        resolution: z.enum(['reapply', 'discard']),
      })
      .strict(),
  ),
  /** Any text: it reaches the index only as quoted strings, and is cut at 200 characters. */
  'search:query': channel<SearchResults>()(
    z
      .object({
        text: z.string().max(10_000),
        filters: z
          .object({
            statuses: z.array(z.string().max(100)).max(50).default([]),
            tags: z.array(z.string().max(100)).max(200).default([]),
          })
          .strict()
          .default({ statuses: [], tags: [] }),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  'search:facets': channel<SearchFacets>()(none),
  'subject:profile': channel<SubjectProfile>()(z.object({ customerId: customerIdSchema }).strict()),
  /** Validated again in main (email syntax, phone number for the customer's country). */
  'subject:rectify': channel<SubjectProfile>()(
    z
      .object({
        customerId: customerIdSchema,
        field: z.enum(['name', 'email', 'phone']),
        value: z.string().max(1000),
        baseVersion: z.number().int().nonnegative(),
      })
      .strict(),
  ),
} satisfies Record<Channel, ChannelSpec<z.ZodType, unknown>>;

export type Contract = typeof contract;

// The contract and the name list must agree exactly; either drifting fails the typecheck.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractMatchesNames: Exactly<keyof Contract, Channel> = true;

/** What the renderer passes. */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives, after parsing (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Payloads of the events main sends to the renderer. */
export interface EventPayloads {
  'workspace:state-changed': WorkspaceStatus;
  'sync:state-changed': SyncOverview;
  'sync:progress': SyncProgress;
}
export const eventsMatchNames: Exactly<keyof EventPayloads, EventName> = true;

/** The one object preload puts on `window.reflect`. */
export interface ReflectApi {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
