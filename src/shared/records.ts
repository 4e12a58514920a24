import { z } from 'zod';
import { DATA_CATEGORIES } from './datamap-terms';
import { STATEMENT_CATEGORIES } from './exports';
import { line, paragraph } from './ipc/text-fields';
import { REQUESTER_LANGUAGES } from './requester-languages';

/**
 * Records of processing activities (GDPR Art. 30), as central keeps them
 * (reflect.processing_records, central migration 26). The desk checks an activity with this
 * schema for a fast answer in the same bounds; central checks every field again and its answer
 * counts. The access report reads its per-category text from the activities that name its
 * sections, so the register and what a requester is told cannot disagree.
 */

export const ACTIVITY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const requesterTextSchema = z
  .object({
    purposes: paragraph(4000).optional(),
    legal_basis: paragraph(2000).optional(),
    recipients: paragraph(4000).optional(),
    retention: paragraph(2000).optional(),
    transfers: paragraph(4000).optional(),
  })
  .strict();
export type RequesterText = z.output<typeof requesterTextSchema>;

const oneLineEntry = line(200).min(1, 'An entry is empty.');

export const processingActivitySchema = z
  .object({
    activity_id: z
      .string()
      .regex(ACTIVITY_ID, 'An activity id is 1 to 63 lower-case letters, digits and dashes.'),
    name: line(200).min(1, 'Give the activity a name.'),
    purposes: paragraph(4000).min(1, 'Say why the data is processed.'),
    legal_basis: paragraph(2000).min(1, 'Give the legal basis.'),
    subject_categories: z
      .array(oneLineEntry)
      .min(1, 'Name at least one category of people.')
      .max(30),
    data_categories: z
      .array(z.enum(DATA_CATEGORIES))
      .min(1, 'Name at least one category of data.')
      .max(DATA_CATEGORIES.length),
    /** The access report's sections this activity explains to a requester. */
    report_sections: z.array(z.enum(STATEMENT_CATEGORIES)).max(STATEMENT_CATEGORIES.length),
    recipients: paragraph(4000).default(''),
    /** Transfers to third countries, with their safeguards (Art. 46). */
    transfers: paragraph(4000).default(''),
    retention: paragraph(2000).min(1, 'Say how long the data is kept.'),
    security_measures: paragraph(4000).default(''),
    controller_contact: paragraph(2000).default(''),
    dpo_contact: paragraph(2000).default(''),
    /** The language the texts above are written in. */
    language: z.enum(REQUESTER_LANGUAGES).default('en'),
    /** What requesters in other languages read instead. */
    requester_text: z.partialRecord(z.enum(REQUESTER_LANGUAGES), requesterTextSchema).default({}),
    /**
     * The version this edit started from; null: a new activity (refused if the id exists);
     * absent: saved over whatever is there (a file an administrator applies).
     */
    base_version: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type ProcessingActivityInput = z.input<typeof processingActivitySchema>;
export type ProcessingActivity = z.output<typeof processingActivitySchema>;

export interface StoredActivity extends Omit<ProcessingActivity, 'base_version'> {
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface ActivityChange {
  activity_id: string;
  version: number;
  change: 'set' | 'remove';
  name: string;
  changed_at: string;
  changed_by: string;
}

export interface RecordsOverview {
  /** The login this desk uses on central. */
  login: string;
  /** Whether that login may change the register (administrators). */
  canChange: boolean;
  activities: StoredActivity[];
  /** The newest changes saved, newest first (at most 200). */
  changes: ActivityChange[];
  /** How many changes the history holds in all: the register's version. */
  changeCount: number;
  /** Central did not answer: the activities are this desk's copy of the last sync, read-only. */
  offline?: boolean;
}

export const DATA_CATEGORY_LABELS: Record<(typeof DATA_CATEGORIES)[number], string> = {
  identity: 'Identity',
  contact: 'Contact details',
  address: 'Addresses',
  demographic: 'Demographic',
  financial: 'Financial',
  behavioural: 'Behaviour and usage',
  preferences: 'Preferences and consents',
  free_text: 'Free text',
  technical: 'Technical',
  not_personal: 'Not personal',
};
