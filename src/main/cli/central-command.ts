import type pg from 'pg';
import { AppError, type ErrorCode } from '../../shared/errors';

/** What the CLI gives each `reflect central ...` command module. */
export interface CentralCommandContext {
  url: () => string;
  withCentral: <T>(url: string, run: (client: pg.ClientBase) => Promise<T>) => Promise<T>;
  print: (value: unknown, text: string) => void;
  fail: (code: ErrorCode, message: string) => never;
}

/** Runs one command; an AppError it meets becomes the CLI's failure with the same code and words. */
export async function reportingAppErrors(
  ctx: CentralCommandContext,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) ctx.fail(error.code, error.message);
    throw error;
  }
}
