import { z } from 'zod';
import type { DemoOfficers } from '../../shared/types';
import { AppError } from '../../shared/errors';
import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { DemoHost } from './demo-host';
import { DEMO_OFFICERS, type DemoLogin } from './demo-officers';

const SETTING = 'demo-officer';
const LOGINS = DEMO_OFFICERS.map((o) => o.login) as [DemoLogin, ...DemoLogin[]];
const choiceSchema = z.enum(LOGINS);

/**
 * Which of the demo's two officers this desk works as, so four eyes can be tried on one
 * machine: one prepares, the other approves. Only a demo workspace has them.
 */
export class DemoOfficerChoice {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly demo: DemoHost,
    private readonly sync: () => SyncController,
  ) {}

  /** The login chosen on this desk (the first officer until another is chosen). */
  chosen(): DemoLogin {
    return readDeskSetting(
      this.workspace.requireOpen().replica.raw,
      SETTING,
      choiceSchema,
      () => LOGINS[0],
    );
  }

  view(): DemoOfficers | null {
    const { metadata } = this.workspace.requireOpen();
    if (!metadata.demo) return null;
    return {
      current: this.chosen(),
      officers: DEMO_OFFICERS.map((o) => ({
        login: o.login,
        name: o.name,
        approver: o.role === 'reflect_approver',
      })),
    };
  }

  async choose(login: string): Promise<DemoOfficers> {
    const { metadata, replica, audit } = this.workspace.requireOpen();
    if (!metadata.demo) {
      throw new AppError(
        'INVALID_INPUT',
        'Only a demo workspace has demo officers to choose from.',
      );
    }
    const parsed = choiceSchema.safeParse(login);
    if (!parsed.success) throw new AppError('INVALID_INPUT', `${login} is not a demo officer.`);
    const url = await this.demo.actAs(parsed.data);
    await this.sync().connect({ url });
    writeDeskSetting(replica.raw, SETTING, parsed.data);
    await audit.append({
      actor: parsed.data,
      action: 'demo.officer-chosen',
      details: { login: parsed.data },
    });
    const view = this.view();
    if (!view) throw new Error('a demo workspace without demo officers');
    return view;
  }
}
