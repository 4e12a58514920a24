import type { MessageKey } from './en';

/** A translation: every key of the English catalogue, as an ICU message. */
export type Catalogue = Record<MessageKey, string>;
