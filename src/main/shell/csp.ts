/**
 * The renderer's Content-Security-Policy, declared once: sent as a response header by the main
 * process and injected as a <meta> into the built index.html (so it also holds where headers are
 * not applied, e.g. the end-to-end tests' static server).
 *
 * `style-src 'unsafe-inline'` is needed because Mantine writes its CSS variables in <style>
 * elements at run time; scripts get no such exception.
 */
const directives: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = directives
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Browsers ignore `frame-ancestors` in a <meta> policy and warn about it. */
export const META_CONTENT_SECURITY_POLICY = directives
  .filter(([name]) => name !== 'frame-ancestors')
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
