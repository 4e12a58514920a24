// Runs `npm ci` when dependencies are missing or older than package-lock.json, so `npm start`
// works straight after a clone and starts quickly after that.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci --no-fund --no-audit', { stdio: 'inherit' });
}
