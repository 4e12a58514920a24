/**
 * Channel and event names only, with no schema library attached, so the sandboxed preload can
 * allow-list them without bundling zod. `contract.ts` is checked at compile time to declare
 * exactly these channels.
 */
export const CHANNELS = [
  'app:info',
  'workspace:status',
  'workspace:create',
  'workspace:unlock',
  'workspace:lock',
  'workspace:reset-replica',
  'workspace:auto-lock',
  'workspace:set-auto-lock',
  'workspace:change-key',
  'workspace:backup-info',
  'workspace:backup',
  'workspace:restore',
  'audit:list',
  'audit:verify',
  'sync:status',
  'sync:connect',
  'sync:run',
  'sync:conflicts',
  'sync:resolve',
  'search:query',
  'search:facets',
  'subject:profile',
  'subject:rectify',
  'cases:home',
  'cases:list',
  'cases:get',
  'cases:create',
  'cases:check-intake',
  'cases:duplicates',
  'cases:act',
  'cases:bulk',
  'cases:template',
  'cases:dashboard',
  'cases:settings',
  'cases:save-settings',
  'cases:holiday-calendars',
  'cases:export-register',
  'exports:list',
  'exports:preview',
  'exports:rows',
  'exports:create',
  'exports:propose',
  'exports:proposed',
  'exports:verify',
  'exports:reveal',
  'exports:statement',
  'exports:save-statement',
  'exports:labels',
  'exports:save-labels',
  'duplicates:clusters',
  'duplicates:check',
  'duplicates:compare',
  'duplicates:dismiss',
  'duplicates:dismissed',
  'duplicates:undismiss',
  'duplicates:merge',
  'duplicates:unmerge',
  'duplicates:merges',
  'rights:erasure-preview',
  'rights:erase',
  'rights:withdraw-consents',
  'rights:restrict',
  'rights:lift-restriction',
  'rights:rectify',
  'rights:reappearances',
  'rights:decide-reappearance',
  'rights:erasure-policies',
  'central:access',
  'mfa:enrol',
  'mfa:confirm',
  'datamap:current',
  'demo:officers',
  'demo:choose-officer',
  'rights:set-erasure-policy',
  'alerts:list',
  'alerts:acknowledge',
  'alerts:rules',
  'alerts:set-rule',
  'rights:remove-erasure-policy',
  'log:report',
  'log:reveal',
] as const;

export const EVENTS = [
  'workspace:state-changed',
  'sync:state-changed',
  'sync:progress',
  'exports:progress',
  'duplicates:progress',
  'demo:start-step',
  'app:navigate',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
