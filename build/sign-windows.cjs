// electron-builder Windows signing hook: signs each file with signtool, using a certificate named
// by the environment (WINDOWS_CERTIFICATE_FILE, WINDOWS_CERTIFICATE_PASSWORD; optional
// WINDOWS_TIMESTAMP_URL and SIGNTOOL_PATH). Without a certificate the build is left unsigned and
// says so; the password is passed to signtool, never written anywhere.
const { execFileSync } = require('node:child_process');

module.exports = async function sign(configuration) {
  const file = process.env.WINDOWS_CERTIFICATE_FILE;
  const password = process.env.WINDOWS_CERTIFICATE_PASSWORD;
  if (!file || !password) {
    console.warn(
      `Not signed: ${configuration.path} (set WINDOWS_CERTIFICATE_FILE and WINDOWS_CERTIFICATE_PASSWORD).`,
    );
    return;
  }
  execFileSync(
    process.env.SIGNTOOL_PATH || 'signtool',
    [
      'sign',
      '/f',
      file,
      '/p',
      password,
      '/fd',
      'sha256',
      '/td',
      'sha256',
      '/tr',
      process.env.WINDOWS_TIMESTAMP_URL || 'http://timestamp.digicert.com',
      configuration.path,
    ],
    { stdio: 'inherit' },
  );
};
