// electron-builder afterSign hook: notarises the signed macOS app with Apple. The credentials come
// from the environment only (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID), never from a
// file in the repository; without them the build is left un-notarised and says so.
const { notarize } = require('@electron/notarize');

module.exports = async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const { APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID } = process.env;
  if (!APPLE_ID || !APPLE_APP_SPECIFIC_PASSWORD || !APPLE_TEAM_ID) {
    console.warn('Not notarised: set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID.');
    return;
  }
  const name = context.packager.appInfo.productFilename;
  await notarize({
    appPath: `${context.appOutDir}/${name}.app`,
    appleId: APPLE_ID,
    appleIdPassword: APPLE_APP_SPECIFIC_PASSWORD,
    teamId: APPLE_TEAM_ID,
  });
};
