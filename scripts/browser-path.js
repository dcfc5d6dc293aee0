// Where the system Chromium lives. Playwright cannot download its own browser here,
// so the tests drive the one from the system packages (Debian: apt-get install chromium).
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium'
];

/** @returns {string | undefined} */
export function findChromium() {
  return candidates.find((path) => path && existsSync(path));
}

export const installHint = [
  'No Chromium found for the end-to-end tests.',
  'Install one from the system packages, then run the tests again:',
  '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
  '  Fedora:         sudo dnf install chromium',
  '  macOS:          brew install --cask chromium',
  'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.'
].join('\n');

/** Flags for a headless Chromium on a machine with no network beyond localhost. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage'
];
