import { CRITICAL_FIELD_LABELS, type QualityMetric } from '../../../../shared/quality';

/** What the list of records behind a figure is called. */
export function metricTitle(metric: QualityMetric): string {
  switch (metric) {
    case 'invalid:email':
      return 'Records with an email address that is not valid';
    case 'invalid:phone':
      return 'Records with a phone number that is not valid';
    case 'duplicates:likely':
      return 'Records in a cluster of likely duplicates';
    case 'duplicates:possible':
      return 'Records in a cluster of possible duplicates';
    default: {
      const field = metric.slice('missing:'.length) as keyof typeof CRITICAL_FIELD_LABELS;
      return `Records without ${CRITICAL_FIELD_LABELS[field].toLowerCase()}`;
    }
  }
}
