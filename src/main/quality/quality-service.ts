import { AppError } from '../../shared/errors';
import {
  CRITICAL_FIELDS,
  type CentralQuality,
  type CriticalField,
  type QualityMetric,
  type QualityProgress,
  type QualityRecordsPage,
  type QualitySummary,
  type QualityTrendPoint,
} from '../../shared/quality';
import { readCaseSettings } from '../cases/case-settings';
import { readStoredMap } from '../datamap/desk-map-check';
import { REFERENCE_DATA_MAP } from '../datamap/reference-data-map';
import type { SqliteDatabase } from '../db/open';
import { clusteredRecords } from '../dedupe/candidate-clusters';
import { lastRun } from '../dedupe/dedupe-runs';
import { countSources } from '../dedupe/record-reader';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import {
  forgetCentralQuality,
  isMissingFigures,
  isPermissionDenied,
  lastKnownCentralQuality,
  readCentralQuality,
  storeCentralQuality,
} from './central-quality';
import { lastRecordedAt, readTrend, recordSnapshot } from './quality-trend';
import { scanReplica, type ScanResult } from './replica-scan';

/** Fields held in the attributes: listed only where the data map names them or a record has one. */
const OPTIONAL_FIELDS = new Set<CriticalField>(['given_name', 'family_name', 'birth_date']);
const ROLE_OF: Partial<Record<CriticalField, string>> = {
  given_name: 'given_name',
  family_name: 'family_name',
  birth_date: 'birth_date',
};

interface Counted {
  stamp: string;
  at: string;
  scan: ScanResult;
  duplicates: Record<'likely' | 'possible', number[]>;
}

/**
 * The Data quality screen's figures over the open replica, the records behind each, and their
 * trend. A count reads the whole replica in batches and yields between them, so the window and
 * other calls are answered while it runs; it is kept until anything writes to the replica.
 */
export class QualityService {
  private readonly counted = new WeakMap<SqliteDatabase, Counted>();
  private readonly counting = new WeakMap<SqliteDatabase, Promise<Counted>>();

  private readonly now: () => Date;

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
    private readonly options: {
      now?: () => Date;
      /** Hears how far a count has got, between its batches. */
      onProgress?: (progress: QualityProgress) => void;
    } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async summary(): Promise<QualitySummary> {
    const db = this.db();
    const counted = await this.count(db);
    return this.summarise(db, counted);
  }

  /** Reads sync lag and the change log's size from central; offline, the last known ones. */
  async central(): Promise<{ central: CentralQuality | null; problem: string | null }> {
    const db = this.db();
    const deskId = this.workspace.requireOpen().metadata.id;
    try {
      const figures = await this.sync.withCentral((client) => readCentralQuality(client, deskId));
      storeCentralQuality(db, figures);
      return { central: figures, problem: null };
    } catch (error) {
      // A login that may not read them keeps no earlier copy (it may have had the role before).
      if (isPermissionDenied(error)) forgetCentralQuality(db);
      return { central: lastKnownCentralQuality(db), problem: centralProblem(error) };
    }
  }

  /** The records behind one figure, a page at a time, each read recorded like a search's. */
  async records(input: {
    metric: QualityMetric;
    offset: number;
    limit: number;
  }): Promise<QualityRecordsPage> {
    const db = this.db();
    const counted = await this.count(db);
    const ids = idsOf(counted, input.metric);
    const page = ids.slice(input.offset, input.offset + input.limit);
    const name = db.prepare('SELECT name FROM customers WHERE customer_id = ?').pluck();
    const records = page.map((customerId) => ({
      customerId,
      name: ((name.get(customerId) as string | undefined) ?? '').trim(),
    }));
    if (records.length > 0) {
      const before = stampOf(db);
      this.workspace.requireOpen().audit.record({
        actor: this.workspace.actor,
        action: 'quality.records-shown',
        details: {
          metric: input.metric,
          offset: input.offset,
          shown: records.length,
          customerIds: records.map((r) => r.customerId),
        },
      });
      // The entry just written changes nothing counted: the count stays good, unless something
      // else wrote since it was made.
      if (counted.stamp === before) counted.stamp = stampOf(db);
    }
    return { metric: input.metric, total: ids.length, offset: input.offset, records };
  }

  trend(): QualityTrendPoint[] {
    return readTrend(this.db());
  }

  /**
   * After a duplicate check or a sync: the day's figures for the trend. After a sync only when
   * the day has none yet: at a million customers a count takes a minute or more of the owner's
   * time, too much to spend after every sync for a point the chart draws once a day (an officer's
   * duplicate check, or Refresh on the screen, records the figures as they are then).
   */
  async recordSnapshot(after: 'check' | 'sync' = 'check'): Promise<void> {
    // Locked since the check or sync finished: nothing to record, and nothing went wrong.
    if (!this.workspace.isOpen) return;
    const db = this.db();
    if (after === 'sync') {
      if (lastRecordedAt(db, this.now()) !== null) return;
    }
    const counted = await this.count(db);
    const before = stampOf(db);
    recordSnapshot(db, this.summarise(db, counted), this.now());
    if (counted.stamp === before) counted.stamp = stampOf(db);
  }

  private summarise(db: SqliteDatabase, counted: Counted): QualitySummary {
    const { scan } = counted;
    const share = (n: number) => (scan.customers === 0 ? 0 : n / scan.customers);
    const mapped = new Set(
      Object.keys((readStoredMap(db)?.map ?? REFERENCE_DATA_MAP).subject.identity),
    );
    const missing = CRITICAL_FIELDS.filter(
      (field) =>
        !OPTIONAL_FIELDS.has(field) ||
        mapped.has(ROLE_OF[field] ?? field) ||
        scan.missing[field].length < scan.customers,
    ).map((field) => ({
      field,
      missing: scan.missing[field].length,
      share: share(scan.missing[field].length),
    }));
    const central = lastKnownCentralQuality(db);
    return {
      countedAt: counted.at,
      customers: scan.customers,
      missing,
      invalid: {
        email: { count: scan.invalidEmail.length, checked: scan.emailsChecked },
        phone: { count: scan.invalidPhone.length, checked: scan.phonesChecked },
      },
      duplicates: {
        likely: counted.duplicates.likely.length,
        possible: counted.duplicates.possible.length,
        likelyShare: share(counted.duplicates.likely.length),
        possibleShare: share(counted.duplicates.possible.length),
        lastCheckAt: lastRun(db)?.finishedAt ?? null,
      },
      central,
      centralProblem: null,
    };
  }

  /** The current count: kept while nothing changed, shared by callers while one runs. */
  private count(db: SqliteDatabase): Promise<Counted> {
    const kept = this.counted.get(db);
    if (kept?.stamp === stampOf(db)) return Promise.resolve(kept);
    const running = this.counting.get(db);
    if (running) return running;
    const work = this.countNow(db).finally(() => this.counting.delete(db));
    this.counting.set(db, work);
    return work;
  }

  private async countNow(db: SqliteDatabase): Promise<Counted> {
    // Taken first: a write while the count runs leaves it stale, and the next call counts again.
    const stamp = stampOf(db);
    const settings = readCaseSettings(db);
    const total = countSources(db);
    const scan = await scanReplica(db, {
      defaultRegion: settings.calendars.gdpr?.country ?? null,
      pause: async (done) => {
        this.options.onProgress?.({ done, total });
        await new Promise((resolve) => setImmediate(resolve));
        // A lock meanwhile closed the replica: the count stops rather than read a closed file.
        if (!db.open) {
          throw new AppError(
            'WORKSPACE_LOCKED',
            'The workspace was locked while the records were being counted. Unlock it and open Data quality again.',
          );
        }
      },
    });
    const counted: Counted = {
      stamp,
      at: this.now().toISOString(),
      scan,
      duplicates: clusteredRecords(db),
    };
    this.counted.set(db, counted);
    return counted;
  }

  private db(): SqliteDatabase {
    return this.workspace.requireOpen().replica.raw;
  }
}

/**
 * Moves when anything writes to the replica: data_version on another connection's commit (a
 * sync or a check in its own thread), total_changes on this one's.
 */
function stampOf(db: SqliteDatabase): string {
  return `${String(db.pragma('data_version', { simple: true }))}:${String(
    db.prepare('SELECT total_changes()').pluck().get(),
  )}`;
}

function idsOf(counted: Counted, metric: QualityMetric): number[] {
  switch (metric) {
    case 'invalid:email':
      return counted.scan.invalidEmail;
    case 'invalid:phone':
      return counted.scan.invalidPhone;
    case 'duplicates:likely':
      return counted.duplicates.likely;
    case 'duplicates:possible':
      return counted.duplicates.possible;
    default:
      return counted.scan.missing[metric.slice('missing:'.length) as CriticalField];
  }
}

function centralProblem(error: unknown): string {
  if (isPermissionDenied(error)) {
    return 'Central shows sync lag and the change log to approvers and administrators only; this desk logs in with another role.';
  }
  if (isMissingFigures(error)) {
    return 'The central database does not have these figures yet: an administrator runs `reflect central install` to upgrade it.';
  }
  if (error instanceof AppError) {
    if (error.code === 'NOT_CONFIGURED') return 'No central database is set up for this desk.';
    if (error.code === 'ROLE_REFUSED') return error.message;
    return `Central did not answer: ${error.message.replace(/\. Work goes on offline.*$/, '.')}`;
  }
  return `Central did not answer: ${error instanceof Error ? error.message : String(error)}`;
}
