// Electron fuses, flipped in the packaged binary by electron-builder's afterPack hook
// (electron-builder.yml). A fuse is a bit in the executable itself: unlike a flag, it cannot be
// turned back on at run time by an environment variable or an argument.
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/** What each fuse is set to, and why. The packaging test reads this object. */
const FUSES = {
  // The app binary never acts as a plain Node.js (ELECTRON_RUN_AS_NODE): the CLI has --cli.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other Chromium storage encrypted with a key from the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect could inject code or attach a debugger to the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar is checked against the hash built into the binary, and only it is loaded.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer comes from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packaged Electron executable inside electron-builder's output folder for each platform. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return `${appOutDir}/${name}.app/Contents/MacOS/${name}`;
  }
  if (electronPlatformName === 'win32') return `${appOutDir}/${name}.exe`;
  return `${appOutDir}/${packager.executableName}`;
}

module.exports = { FUSES, FuseVersion, executablePath };
