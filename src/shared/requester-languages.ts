/**
 * The languages a requester receives their documents in (access report, PDF, package README,
 * letters). The officer's own screens stay in English.
 */
export const REQUESTER_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl'] as const;
export type RequesterLanguage = (typeof REQUESTER_LANGUAGES)[number];

/** Each language in its own words, as the case screen offers them. */
export const REQUESTER_LANGUAGE_NAMES: Record<RequesterLanguage, string> = {
  en: 'English',
  de: 'Deutsch (German)',
  fr: 'Français (French)',
  es: 'Español (Spanish)',
  it: 'Italiano (Italian)',
  nl: 'Nederlands (Dutch)',
};

/** Where a language is written without a country we know of: the locale its dates follow. */
const DEFAULT_LOCALE: Record<RequesterLanguage, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  it: 'it-IT',
  nl: 'nl-NL',
};

/** Countries (ISO 3166 alpha-2) whose main language is one of ours. */
const LANGUAGE_OF_COUNTRY: Record<string, RequesterLanguage> = {
  DE: 'de',
  AT: 'de',
  CH: 'de',
  LI: 'de',
  FR: 'fr',
  LU: 'fr',
  MC: 'fr',
  BE: 'nl',
  NL: 'nl',
  ES: 'es',
  MX: 'es',
  AR: 'es',
  CO: 'es',
  CL: 'es',
  PE: 'es',
  IT: 'it',
  SM: 'it',
  VA: 'it',
};

/** The language a requester from `country` most likely reads; English when we cannot tell. */
export function languageOfCountry(country: string | null | undefined): RequesterLanguage {
  return (country && LANGUAGE_OF_COUNTRY[country.toUpperCase()]) || 'en';
}

/** Where a language is spoken in a country with its own conventions for dates and amounts. */
const REGIONAL_LOCALES: ReadonlySet<string> = new Set([
  'en-GB',
  'en-US',
  'en-IE',
  'en-CA',
  'en-AU',
  'en-NZ',
  'en-MT',
  'de-DE',
  'de-AT',
  'de-CH',
  'de-LI',
  'de-LU',
  'de-BE',
  'fr-FR',
  'fr-BE',
  'fr-CH',
  'fr-LU',
  'fr-MC',
  'fr-CA',
  'es-ES',
  'es-MX',
  'es-AR',
  'es-CO',
  'es-CL',
  'es-PE',
  'es-US',
  'it-IT',
  'it-CH',
  'it-SM',
  'nl-NL',
  'nl-BE',
]);

/**
 * The locale dates and amounts are written in: the language as written in the requester's country
 * (de-AT, fr-CH, nl-BE, en-US) when that is a known combination, else the language's own.
 */
export function requesterLocale(language: RequesterLanguage, country: string | null): string {
  const tag = country ? `${language}-${country.toUpperCase()}` : '';
  return REGIONAL_LOCALES.has(tag) ? tag : DEFAULT_LOCALE[language];
}
