// electron-builder afterPack hook: flips the fuses (build/fuses.cjs) in the packaged binary,
// before signing, so the signature covers the flipped binary.
const { flipFuses } = require('@electron/fuses');
const { FUSES, FuseVersion, executablePath } = require('./fuses.cjs');

module.exports = async function afterPack(context) {
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flipFuses(executablePath(context), {
    version: FuseVersion.V1,
    // Apple silicon refuses a binary whose ad-hoc signature no longer matches; it is re-signed.
    resetAdHocDarwinSignature: arm64Mac,
    ...FUSES,
  });
};
