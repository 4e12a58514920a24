/** "occurred_at", "baseVersion", "order-id" as words: "Occurred at", "Base version", "Order id". */
export function humanKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.length === 0 ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One value as a person reads it; objects and lists of objects are shown by the caller. */
export function readableScalar(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'string') {
    return ISO_INSTANT.test(value) ? new Date(value).toLocaleString() : value;
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.length === 0 ? '—' : value.map(readableScalar).join(', ');
  }
  return JSON.stringify(value);
}

/** Whether a value is shown as lines of its own (an object, or a list holding objects). */
export function isNested(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return value.some((v) => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null;
}
