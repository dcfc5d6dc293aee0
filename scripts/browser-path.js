// Where the system Chromium lives. Playwright cannot download its own browser here,
// so the tests drive the one from the system packages (Debian: apt-get install chromium).
import { existsSync, readdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/**
 * Chromium builds that Playwright downloaded itself (`npx playwright install chromium`), newest first:
 * PLAYWRIGHT_BROWSERS_PATH, else the default cache (~/.cache/ms-playwright on Linux,
 * ~/Library/Caches/ms-playwright on macOS, %LOCALAPPDATA%\ms-playwright on Windows).
 * @returns {string[]}
 */
export function playwrightChromiums() {
  const os = platform();
  const root =
    process.env.PLAYWRIGHT_BROWSERS_PATH ||
    (os === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'ms-playwright')
      : os === 'win32'
        ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'ms-playwright')
        : join(homedir(), '.cache', 'ms-playwright'));
  let builds;
  try {
    builds = readdirSync(root).filter((d) => /^chromium-\d+$/.test(d));
  } catch {
    return [];
  }
  builds.sort((x, y) => Number(y.slice(9)) - Number(x.slice(9)));
  const inside = [
    ['chrome-linux', 'chrome'],
    ['chrome-linux64', 'chrome'],
    ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
    ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
    ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
    ['chrome-win', 'chrome.exe'],
    ['chrome-win64', 'chrome.exe']
  ];
  return builds.flatMap((b) => inside.map((parts) => join(root, b, ...parts)));
}

/** Where to look, in order: an explicit path, the system packages, Playwright's own, the usual macOS apps. */
function candidates() {
  return [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    ...playwrightChromiums(),
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    join(homedir(), 'Applications', 'Chromium.app', 'Contents', 'MacOS', 'Chromium')
  ];
}

/** @returns {string | undefined} */
export function findChromium() {
  return candidates().find((path) => path && existsSync(path));
}

export const installHint = [
  'No Chromium found for the end-to-end tests.',
  'Install one from the system packages, then run the tests again:',
  '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
  '  Fedora:         sudo dnf install chromium',
  '  macOS:          brew install --cask chromium (or Google Chrome in /Applications)',
  '  any system:     npx playwright install chromium',
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
