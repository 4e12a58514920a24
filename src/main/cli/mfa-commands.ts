import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { normaliseCode } from '../../shared/totp';
import {
  centralMfaError,
  confirmEnrolment,
  enrolAdmin,
  verifyAdminCode,
} from '../central/admin-mfa';

interface MfaContext {
  url: string;
  totp: string | undefined;
  off: boolean;
  readSecret: (prompt: string) => Promise<string>;
  withCentral: <T>(url: string, run: (client: pg.Client) => Promise<T>) => Promise<T>;
  print: (value: unknown, text: string) => void;
}

/** The code given with --totp, or asked for on the terminal. */
async function codeOf(ctx: MfaContext): Promise<string> {
  if (ctx.totp !== undefined) return ctx.totp;
  const typed = normaliseCode(await ctx.readSecret('Two-step code: '));
  if (typed === null) throw new AppError('INVALID_INPUT', 'A two-step code is six digits.');
  return typed;
}

/** `reflect central mfa enrol|confirm|require`: an administrator's two-step codes on central. */
export async function runMfaCommand(command: string, ctx: MfaContext): Promise<number> {
  switch (command) {
    case 'central mfa enrol': {
      const enrolment = await ctx.withCentral(ctx.url, (client) => enrolAdmin(client, ctx.totp));
      ctx.print(
        enrolment,
        [
          'Put this secret in an authenticator app (shown once; anyone who has it can make codes):',
          `  key: ${enrolment.secretBase32}`,
          `  uri: ${enrolment.uri}`,
          'Then confirm with the first code: reflect central mfa confirm --url URL --totp CODE',
        ].join('\n'),
      );
      return 0;
    }
    case 'central mfa confirm': {
      const code = await codeOf(ctx);
      await ctx.withCentral(ctx.url, (client) => confirmEnrolment(client, code));
      ctx.print({ confirmed: true }, 'Two-step codes are on for this login.');
      return 0;
    }
    default: {
      const code = await codeOf(ctx);
      await ctx.withCentral(ctx.url, async (client) => {
        await verifyAdminCode(client, code);
        await client
          .query('SELECT reflect.set_admin_mfa_required($1)', [!ctx.off])
          .catch((error: unknown) => {
            throw centralMfaError(error) ?? error;
          });
      });
      ctx.print(
        { required: !ctx.off },
        ctx.off
          ? 'Administrators who have not enrolled may make admin changes again.'
          : 'Every administrator now needs two-step codes: those not enrolled must enrol first.',
      );
      return 0;
    }
  }
}
