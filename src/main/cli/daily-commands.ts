import type { CaseAction, Input, Output } from '../../shared/ipc/contract';
import type { Channel } from '../../shared/ipc/names';

/** The everyday work from a terminal: finding people, cases and their steps, merges, conflicts. */
export const DAILY_COMMANDS = new Set([
  'search',
  'profile',
  'case create',
  'case show',
  'case act',
  'merge',
  'conflicts list',
  'conflicts resolve',
]);

export const DAILY_USAGE = `Daily work:
  search TEXT... [--limit N]                    find people as the Search screen does
  profile --customer ID                         a person's record, addresses, orders and cases
  case create --type TYPE --name NAME [--email E]... [--phone P]... [--jurisdiction gdpr|ccpa]
              [--received ISO-TIME] [--zone TZ] [--channel email|web_form|phone|letter]
              [--assignee LOGIN] [--customer ID]
                                                record a new request (received now by default)
  case show --case REF                          the case, its deadline and its timeline
  case act --case REF --action ACTION [...]     one step of the workflow:
      transition --to STATUS [--reason TEXT]    verify --method METHOD --evidence TEXT
      note --note TEXT                          link|unlink --customer ID
      assign --assignee LOGIN|-                 pause --reason TEXT, resume
      extend --reason TEXT --informed ISO-TIME  (the time the requester was told)
  merge ID ID... [--survivor ID]                merge duplicate records, each field as the
                                                review screen would choose it
  conflicts list                                changes central refused or changed meanwhile
  conflicts resolve ID --resolution reapply|discard
`;

export interface DailyOptions {
  customer?: string;
  limit: string;
  case?: string;
  type?: string;
  name?: string;
  email: string[];
  phone: string[];
  jurisdiction?: string;
  received?: string;
  zone?: string;
  channel?: string;
  assignee?: string;
  action?: string;
  to?: string;
  reason?: string;
  note?: string;
  method?: string;
  evidence?: string;
  informed?: string;
  survivor?: string;
  resolution?: string;
}

export interface DailyContext {
  call: <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;
  resolveCase: (reference: string) => Promise<string>;
  print: (value: unknown, text: string) => void;
  fail: (message: string) => never;
  now: () => Date;
}

export async function runDailyCommand(
  command: string,
  positionals: string[],
  options: DailyOptions,
  ctx: DailyContext,
): Promise<number> {
  const id = (value: string | undefined, what: string): number => {
    const n = Number(value);
    if (value === undefined || !Number.isSafeInteger(n) || n < 1)
      ctx.fail(`${what} is required (a customer number).`);
    return n;
  };
  const caseId = async (): Promise<string> => {
    if (options.case === undefined) ctx.fail('--case ID|REFERENCE is required.');
    return ctx.resolveCase(options.case);
  };
  switch (command) {
    case 'search': {
      const text = positionals.slice(1).join(' ');
      if (text.trim() === '') ctx.fail('Give what to search for: search TEXT');
      const results = await ctx.call('search:query', {
        text,
        filters: { statuses: [], tags: [], hasOpenCase: false },
        limit: Math.min(200, Math.max(1, Number(options.limit) || 50)),
      });
      ctx.print(
        results,
        results.hits.length === 0
          ? (results.hint ?? 'Nobody matches.')
          : results.hits
              .map(
                (h) =>
                  `${String(h.customerId).padStart(8)}  ${h.name}${h.email ? `  ${h.email}` : ''}${h.phone ? `  ${h.phone}` : ''}${h.mergedInto ? `  (merged into ${h.mergedInto})` : ''}${h.restricted ? '  (restricted)' : ''}`,
              )
              .join('\n'),
      );
      return 0;
    }
    case 'profile': {
      const profile = await ctx.call('subject:profile', {
        customerId: id(options.customer, '--customer ID'),
      });
      const c = profile.customer;
      ctx.print(
        profile,
        [
          `Customer ${c.customerId}: ${c.name}`,
          `Email:     ${c.email ?? '—'}`,
          `Phone:     ${c.phone ?? '—'}`,
          `Status:    ${c.status}${c.restricted ? ' (processing restricted)' : ''}`,
          ...profile.addresses.map(
            (a) =>
              `Address:   ${[a.line1, a.line2, a.postcode, a.city, a.country].filter(Boolean).join(', ')}`,
          ),
          `Orders:    ${profile.ordersTotal}, interactions: ${profile.interactionsTotal}, events: ${profile.eventsTotal}`,
        ].join('\n'),
      );
      return 0;
    }
    case 'case create': {
      if (options.type === undefined || options.name === undefined) {
        ctx.fail('--type and --name are required.');
      }
      const customer = options.customer === undefined ? [] : [id(options.customer, '--customer')];
      const detail = await ctx.call('cases:create', {
        jurisdiction: (options.jurisdiction ?? 'gdpr') as Input<'cases:create'>['jurisdiction'],
        requestType: options.type as Input<'cases:create'>['requestType'],
        channel: (options.channel ?? 'email') as Input<'cases:create'>['channel'],
        requester: { names: [options.name], emails: options.email, phones: options.phone },
        receivedAt: options.received ?? ctx.now().toISOString(),
        timeZone: options.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        subjectIds: customer,
        assignee: options.assignee ?? null,
      });
      ctx.print(detail, describeCase(detail));
      return 0;
    }
    case 'case show': {
      const detail = await ctx.call('cases:get', { caseId: await caseId() });
      ctx.print(detail, describeCase(detail));
      return 0;
    }
    case 'case act': {
      const target = await caseId();
      const current = await ctx.call('cases:get', { caseId: target });
      const detail = await ctx.call('cases:act', {
        caseId: target,
        baseVersion: current.version,
        act: caseAction(options, id, ctx.fail),
      });
      ctx.print(detail, describeCase(detail));
      return 0;
    }
    case 'merge': {
      const ids = positionals.slice(1).map((v) => id(v, 'Each record'));
      if (ids.length < 2) ctx.fail('Give at least two customer numbers: merge ID ID...');
      const plan = await ctx.call('duplicates:compare', { customerIds: ids });
      const survivorId =
        options.survivor === undefined ? plan.survivorId : id(options.survivor, '--survivor');
      if (!ids.includes(survivorId)) ctx.fail('--survivor must be one of the records merged.');
      const fields = Object.fromEntries(
        Object.entries(plan.fields).map(([field, choice]) => [field, choice.from]),
      );
      const merged = await ctx.call('duplicates:merge', {
        survivorId,
        mergedIds: ids.filter((i) => i !== survivorId),
        fields,
        baseVersions: Object.fromEntries(
          plan.records.map((r) => [String(r.customerId), r.version]),
        ),
      } as Input<'duplicates:merge'>);
      ctx.print(
        merged,
        `Merged ${merged.mergedIds.join(', ')} into ${merged.survivorId} (undo: reflect merges undo ${merged.opId})`,
      );
      return 0;
    }
    case 'conflicts list': {
      const conflicts = await ctx.call('sync:conflicts', {});
      ctx.print(
        conflicts,
        conflicts.length === 0
          ? 'No conflicts.'
          : conflicts
              .map(
                (c) =>
                  `${String(c.conflictId).padStart(6)}  ${c.raisedAt}  ${c.kind} on ${c.table} ${c.pk}${c.canReapply ? '' : '  (can only be discarded)'}`,
              )
              .join('\n'),
      );
      return 0;
    }
    case 'conflicts resolve': {
      const conflictId = Number(positionals[2]);
      if (!Number.isSafeInteger(conflictId) || conflictId < 1) {
        ctx.fail('Give the conflict: conflicts resolve ID --resolution reapply|discard');
      }
      if (options.resolution !== 'reapply' && options.resolution !== 'discard') {
        ctx.fail('--resolution is reapply or discard.');
      }
      const overview = await ctx.call('sync:resolve', {
        conflictId,
        resolution: options.resolution,
      });
      ctx.print(overview, `Resolved. ${overview.openConflicts} conflict(s) left.`);
      return 0;
    }
    default:
      return ctx.fail(`Unknown command: ${command}`);
  }
}

function caseAction(
  o: DailyOptions,
  id: (value: string | undefined, what: string) => number,
  fail: (message: string) => never,
): CaseAction {
  switch (o.action) {
    case 'transition':
      if (o.to === undefined) fail('--to STATUS is required.');
      return { action: 'transition', to: o.to, reason: o.reason ?? null } as CaseAction;
    case 'verify':
      return {
        action: 'verify',
        method: o.method ?? '',
        evidence: o.evidence ?? '',
      } as CaseAction;
    case 'note':
      return { action: 'note', text: o.note ?? '' };
    case 'link':
    case 'unlink':
      return {
        action: 'link-subject',
        customerId: id(o.customer, '--customer ID'),
        link: o.action === 'link',
      };
    case 'assign':
      if (o.assignee === undefined) fail('--assignee LOGIN (or - for nobody) is required.');
      return {
        action: 'update',
        changes: { assignee: o.assignee === '-' ? null : o.assignee },
      };
    case 'pause':
      return { action: 'pause', reason: o.reason ?? '' };
    case 'resume':
      return { action: 'resume' };
    case 'extend':
      return {
        action: 'extend',
        reason: o.reason ?? '',
        requesterInformedAt: o.informed ?? '',
      };
    default:
      return fail(
        '--action is one of transition, verify, note, link, unlink, assign, pause, resume, extend.',
      );
  }
}

function describeCase(c: Output<'cases:get'>): string {
  return [
    `${c.reference ?? '(not numbered yet)'}  ${c.requestType} (${c.jurisdiction})  ${c.status}`,
    `Requester: ${c.requesterName}`,
    `Due:       ${c.deadline.dueDate} (${c.deadline.state}, ${c.deadline.daysLeft} days)`,
    `Assignee:  ${c.assignee ?? 'nobody'}`,
    `Subjects:  ${c.subjects.map((s) => `${s.customerId} ${s.name}`).join(', ') || 'none linked'}`,
    `Case id:   ${c.caseId}${c.pending ? ' (waiting for the next sync)' : ''}`,
    ...c.timeline.map((e) => `  ${e.occurredAt}  ${e.actor}  ${e.kind}`),
  ].join('\n');
}
