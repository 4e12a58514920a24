import type pg from 'pg';
import { REQUESTER_LANGUAGES, type RequesterLanguage } from '../../shared/requester-languages';
import { REFERENCE_DATA_MAP } from '../datamap/reference-data-map';
import { defaultStatement } from '../export/statement-defaults';
import { proposeActivities } from '../records/records-prefill';
import { saveActivities } from '../records/records-store';

/**
 * The demo's records of processing: the activities proposed from the reference data map and the
 * shipped statement, saved once, so the demo logins (an officer and an approver, who only read
 * the register) see one and their access reports read it. A register anyone has touched since
 * (any version in its history) is left alone.
 */
export async function seedDemoRecords(client: pg.ClientBase): Promise<void> {
  const touched = await client.query('SELECT 1 FROM reflect.processing_record_history LIMIT 1');
  if (touched.rowCount !== 0) return;
  const statements = Object.fromEntries(
    REQUESTER_LANGUAGES.map((l) => [l, defaultStatement(l, 'Our company')]),
  ) as Record<RequesterLanguage, ReturnType<typeof defaultStatement>>;
  await saveActivities(
    client,
    proposeActivities({
      map: REFERENCE_DATA_MAP,
      statements,
      retention: [],
      controllerContact: 'Our company',
      dpoContact: '',
    }),
  );
}
