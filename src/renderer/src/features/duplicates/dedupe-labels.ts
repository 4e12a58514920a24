import type { DedupePhase, DedupeProgress, MergeField } from '../../../../shared/dedupe';

export const FIELD_LABELS: Record<MergeField, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  status: 'Status',
  lifecycle_stage: 'Lifecycle stage',
  last_active: 'Last active',
};

const EVIDENCE_FIELD_LABELS: Record<string, string> = {
  given_name: 'Given name',
  family_name: 'Family name',
  date_of_birth: 'Date of birth',
  id_number: 'ID number',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  generation: 'Jr / Sr',
};

export const evidenceFieldLabel = (field: string): string => EVIDENCE_FIELD_LABELS[field] ?? field;

const PHASE_LABELS: Record<DedupePhase, string> = {
  reading: 'Reading records',
  blocking: 'Grouping records that share a name, birth date, email, phone or address',
  comparing: 'Comparing candidate pairs',
  estimating: 'Estimating the model',
  saving: 'Saving candidates',
};

export function progressText(progress: DedupeProgress): string {
  return `${PHASE_LABELS[progress.phase]}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`;
}

export const percent = (probability: number): string =>
  probability >= 0.9995 ? '>99.9%' : `${(probability * 100).toFixed(1)}%`;
