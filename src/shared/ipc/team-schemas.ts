import { z } from 'zod';
import { MAX_DISPLAY_NAME } from '../team';
import { line } from './text-fields';

/** A PostgreSQL login name as central accepts it: 1 to 63 characters, one line. */
const loginName = line(63).min(1, 'Give the central login.');

export const teamMemberInput = z
  .object({
    login: loginName,
    displayName: line(MAX_DISPLAY_NAME).min(1, 'Give the name people should read.'),
    email: z
      .union([z.literal(''), z.email('That email does not look like name@example.org.').max(254)])
      .nullable()
      .transform((email) => (email ? email : null)),
  })
  .strict();

export const teamLoginInput = z.object({ login: loginName }).strict();
