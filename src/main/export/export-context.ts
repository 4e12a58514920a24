import type { AccessStatement } from '../../shared/ipc/export-schemas';
import type { Labels } from '../requester/labels';
import type { Translator } from '../requester/translator';
import type { SubjectCollection } from './subject-collection';

/** Who answers the request, as the requester's documents name them. */
export interface OrganisationDetails {
  name: string;
  address: string;
  dpoContact: string;
  signatory: string;
  /** ISO 4217; amounts whose row names no currency are in this one. */
  currency: string;
}

/** What every format writer is given. */
export interface ExportContext {
  collection: SubjectCollection;
  /** The folder the package's files are written into. */
  dir: string;
  exportId: string;
  generatedAt: string;
  appVersion: string;
  organisation: OrganisationDetails;
  /** The access statement in the requester's language. */
  statement: AccessStatement;
  /** The requester's language, locale and the case's time zone. */
  tr: Translator;
  /** The requester's country (ISO 3166 alpha-2) when known: paper size and date conventions. */
  country: string | null;
  labels: Labels;
  /** Called as rows are written, so long exports show progress. */
  advance(file: string, rows: number): void;
}

/** How often writers report progress, in rows. */
export const PROGRESS_EVERY = 2000;
