import QRCode from 'qrcode';
import type { DeskAccess, MfaEnrolment } from '../../shared/role-gates';
import { centralNow } from '../rights/central-now';
import type { SyncController } from '../sync/sync-controller';
import { readDeskAccess, recordCentralAccess } from '../sync/central-access';
import type { WorkspaceService } from '../workspace/workspace-service';
import { confirmEnrolment, enrolAdmin } from './admin-mfa';

/** An administrator's two-step enrolment, done on central now (it holds the secret). */
export class AdminMfa {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
  ) {}

  async enrol(totp: string | undefined): Promise<MfaEnrolment> {
    const enrolment = await centralNow(this.sync, (client) => enrolAdmin(client, totp));
    const qrSvg = await QRCode.toString(enrolment.uri, { type: 'svg', margin: 1 });
    return { ...enrolment, qrSvg };
  }

  /** Confirms with the app's first code; the desk's recorded access then says enrolled. */
  async confirm(code: string): Promise<DeskAccess | null> {
    const { replica } = this.workspace.requireOpen();
    await centralNow(this.sync, async (client) => {
      await confirmEnrolment(client, code);
      await recordCentralAccess(client, replica.raw);
    });
    return readDeskAccess(replica.raw);
  }
}
