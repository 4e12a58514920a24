import type { RequesterLanguage } from '../../../shared/requester-languages';
import type { Catalogue } from './catalogue';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';

export type { MessageKey } from './en';

export const CATALOGUES: Record<RequesterLanguage, Catalogue> = { en, de, fr, es, it, nl };
