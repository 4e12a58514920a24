import type { DedupePhase, DedupeProgress, MergeField } from '../../../../shared/dedupe';

export const FIELD_LABELS: Record<MergeField, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  status: 'Status',
  lifecycle_stage: 'Lifecycle stage',
  last_active: 'Last active',
};

const PHASE_LABELS: Record<DedupePhase, string> = {
  reading: 'Reading records',
  blocking: 'Grouping records that share a name, email, phone or address',
  comparing: 'Comparing candidate pairs',
  estimating: 'Estimating the model',
  saving: 'Saving candidates',
};

export function progressText(progress: DedupeProgress): string {
  return `${PHASE_LABELS[progress.phase]}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`;
}

export const percent = (probability: number): string =>
  probability >= 0.9995 ? '>99.9%' : `${(probability * 100).toFixed(1)}%`;
