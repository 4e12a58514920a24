import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { ProcessingActivity, RecordsOverview } from '../../shared/records';
import { REQUESTER_LANGUAGES, type RequesterLanguage } from '../../shared/requester-languages';
import { readCaseSettings } from '../cases/case-settings';
import { currentDataMap } from '../datamap/datamap-store';
import { REFERENCE_DATA_MAP } from '../datamap/reference-data-map';
import { readAccessStatement } from '../export/access-statement';
import { organisationDetails } from '../export/requester-documents';
import { centralNow } from '../rights/central-now';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import { localActivities, pullActivities } from './local-records';
import { proposeActivities, readRetentionRules } from './records-prefill';
import { readRegister, writeRegister, type RegisterFormat } from './records-register';
import { readRecordsOverview, removeActivity, saveActivities } from './records-store';

/**
 * The records of processing for the desk's screens: read from central (the desk's copy when
 * central cannot answer), changed only through central, and exported to a file the officer
 * chooses. Each change and export is recorded in the desk's audit trail.
 */
export class RecordsService {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<RecordsOverview> {
    const { replica } = this.workspace.requireOpen();
    try {
      return await centralNow(this.sync, async (client) => {
        const overview = await readRecordsOverview(client);
        await pullActivities(client, replica.raw);
        return overview;
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'OFFLINE') throw error;
      // Read-only: the copy of the last sync, so the officer still sees what reports will say.
      return {
        login: '',
        canChange: false,
        activities: localActivities(replica.raw),
        changes: [],
        changeCount: 0,
        offline: true,
      };
    }
  }

  async save(activities: ProcessingActivity[], totp?: string): Promise<RecordsOverview> {
    return this.change(async (client) => {
      const outcome = await saveActivities(client, activities, totp);
      return { action: 'records.saved', details: { ...outcome } };
    });
  }

  async remove(
    activityId: string,
    baseVersion: number | null,
    totp?: string,
  ): Promise<RecordsOverview> {
    return this.change(async (client) => {
      await removeActivity(client, activityId, baseVersion, totp);
      return { action: 'records.removed', details: { activity: activityId } };
    });
  }

  /**
   * Proposes activities from the data map in force (the reference map before one is saved),
   * the access statement in every language and central's retention rules; nothing is saved.
   */
  async prefill(): Promise<ProcessingActivity[]> {
    const { replica } = this.workspace.requireOpen();
    const db = replica.raw;
    const settings = readCaseSettings(db);
    const org = organisationDetails(settings);
    const statements = Object.fromEntries(
      REQUESTER_LANGUAGES.map((l) => [l, readAccessStatement(db, org.name, l)]),
    ) as Record<RequesterLanguage, ReturnType<typeof readAccessStatement>>;
    return centralNow(this.sync, async (client) => {
      const saved = await currentDataMap(client);
      return proposeActivities({
        map: saved?.map ?? REFERENCE_DATA_MAP,
        statements,
        retention: await readRetentionRules(client),
        controllerContact: [org.name, org.address].filter(Boolean).join('\n'),
        dpoContact: org.dpoContact || statements.en.dpoContact,
      });
    });
  }

  /** Writes the register as central holds it now to `path`, and audits the file written. */
  async exportTo(
    format: RegisterFormat,
    path: string,
    language: RequesterLanguage,
    options: { overwrite: boolean },
  ): Promise<{ path: string; activities: number; version: number }> {
    const { replica, audit } = this.workspace.requireOpen();
    const organisation = organisationDetails(readCaseSettings(replica.raw)).name;
    const snapshot = await centralNow(this.sync, (client) =>
      readRegister(client, organisation, language, this.now()),
    );
    const written = await writeRegister(format, path, snapshot, options);
    audit.record({
      actor: this.workspace.actor,
      action: 'records.exported',
      details: {
        format,
        path,
        language,
        activities: snapshot.activities.length,
        version: written.version,
        sha256: written.sha256,
        bytes: written.bytes,
      },
    });
    return { path, activities: snapshot.activities.length, version: written.version };
  }

  private async change(
    run: (client: pg.Client) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<RecordsOverview> {
    const { replica, audit } = this.workspace.requireOpen();
    return centralNow(this.sync, async (client) => {
      const done = await run(client);
      audit.record({ actor: this.workspace.actor, action: done.action, details: done.details });
      // The next access report reads the change at once, not after the next sync.
      await pullActivities(client, replica.raw);
      return readRecordsOverview(client);
    });
  }
}
