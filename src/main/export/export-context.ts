import type { AccessStatement } from '../../shared/ipc/export-schemas';
import type { SubjectCollection } from './subject-collection';

/** What every format writer is given. */
export interface ExportContext {
  collection: SubjectCollection;
  /** The folder the package's files are written into. */
  dir: string;
  exportId: string;
  generatedAt: string;
  appVersion: string;
  organisationName: string;
  statement: AccessStatement;
  /** Called as rows are written, so long exports show progress. */
  advance(file: string, rows: number): void;
}

/** How often writers report progress, in rows. */
export const PROGRESS_EVERY = 2000;
