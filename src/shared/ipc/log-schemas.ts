import { z } from 'zod';

/** Where in the window an error happened: a screen's name, never what it showed. */
export const REPORTED_SCREENS = [
  'app',
  'first-run',
  'unlock',
  'home',
  'search',
  'profile',
  'duplicates',
  'quality',
  'cases',
  'exports',
  'sync',
  'audit',
  'settings',
] as const;
export type ReportedScreen = (typeof REPORTED_SCREENS)[number];

/**
 * What the window may say about one of its errors: its kind and screen, the error's class name,
 * its code and a few stack frames. There is no field for a message, so none can reach the log;
 * main sanitises each part again, as it does its own errors.
 */
export const rendererErrorSchema = z
  .object({
    kind: z.enum(['screen-error', 'uncaught-exception', 'unhandled-rejection']),
    screen: z.enum(REPORTED_SCREENS).nullable().default(null),
    name: z.string().max(100),
    code: z.string().max(60).nullable().default(null),
    stack: z.array(z.string().max(300)).max(20).default([]),
  })
  .strict();
export type RendererError = z.output<typeof rendererErrorSchema>;
