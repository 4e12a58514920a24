/** A URL's scheme without the colon (`https`), or '' for text that is no URL: never the rest. */
export function schemeOf(url: string): string {
  try {
    return new URL(url).protocol.replace(/:$/, '');
  } catch {
    return '';
  }
}
