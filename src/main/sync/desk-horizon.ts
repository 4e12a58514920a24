import type pg from 'pg';

/**
 * The desk's side of the bounded change log (central/migrations/010-bounded-change-log.ts):
 * before replaying, a desk tells central how far it has pulled, and learns whether the log
 * still holds everything after that point.
 */
export type CheckIn =
  | { status: 'ok'; horizon: string }
  /** The log has a hole after this desk's horizon (pruned), or central is behind it (restored). */
  | { status: 'resnapshot'; reason: 'pruned' | 'ahead'; floor: string };

export class DeskHorizon {
  private supported: Promise<boolean> | null = null;
  /** Why central would not take this desk's check-in (another login owns the desk), if it would not. */
  refused: string | null = null;

  constructor(
    private readonly central: pg.ClientBase,
    /** The workspace id; without one (a bare Puller in tests) the desk only reads the floor. */
    private readonly deskId: string | null,
  ) {}

  /** Reports `pulled` (null: a snapshot begins, and central names its horizon). */
  async checkIn(pulled: string | null): Promise<CheckIn> {
    if (this.deskId !== null && this.refused === null && (await this.centralSupports())) {
      try {
        const result = await this.central.query<{ outcome: CheckIn }>(
          'SELECT reflect.desk_checkin($1::uuid, $2::xid8) AS outcome',
          [this.deskId, pulled],
        );
        const outcome = result.rows[0]?.outcome;
        if (!outcome) throw new Error('The central database did not answer the check-in.');
        return outcome;
      } catch (error) {
        if ((error as { code?: unknown }).code !== '42501') throw error;
        // Not counted when central prunes; the floor check below still catches a pruned log.
        this.refused = error instanceof Error ? error.message : String(error);
      }
    }
    // Central re-checks this itself at check-in; here it is all the desk can do.
    const floor = await this.floor();
    if (pulled !== null && floor !== null && BigInt(pulled) < BigInt(floor)) {
      return { status: 'resnapshot', reason: 'pruned', floor };
    }
    return { status: 'ok', horizon: pulled ?? (await currentHorizon(this.central)) };
  }

  /** Whether central has the check-in (installed by this version or later). */
  private centralSupports(): Promise<boolean> {
    this.supported ??= this.central
      .query<{ present: boolean }>(
        `SELECT to_regprocedure('reflect.desk_checkin(uuid, xid8)') IS NOT NULL AS present`,
      )
      .then((r) => r.rows[0]?.present === true)
      .catch((error: unknown) => {
        // Asked again next time: a lost connection says nothing about the schema.
        this.supported = null;
        throw error;
      });
    return this.supported;
  }

  private async floor(): Promise<string | null> {
    const result = await this.central.query<{ value: string }>(
      `SELECT value FROM reflect.settings WHERE key = 'change_log_floor'`,
    );
    return result.rows[0]?.value ?? null;
  }
}

/** Every central change below this transaction id is final: its transaction has ended. */
export async function currentHorizon(central: pg.ClientBase): Promise<string> {
  const result = await central.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  );
  return result.rows[0]?.xmin ?? '0';
}
