// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwrightChromiums } from '../../../scripts/browser-path.js';

describe('the e2e browser finder', () => {
  const saved = process.env.PLAYWRIGHT_BROWSERS_PATH;
  let root = '';
  afterEach(() => {
    if (saved === undefined) delete process.env.PLAYWRIGHT_BROWSERS_PATH;
    else process.env.PLAYWRIGHT_BROWSERS_PATH = saved;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('finds the Chromium builds Playwright downloaded, newest build first, and ignores other browsers', () => {
    root = mkdtempSync(join(tmpdir(), 'pw-'));
    for (const build of ['chromium-1091', 'chromium-1200', 'firefox-1400', 'chromium_headless_shell-1200']) {
      mkdirSync(join(root, build, 'chrome-linux'), { recursive: true });
      writeFileSync(join(root, build, 'chrome-linux', 'chrome'), '');
    }
    process.env.PLAYWRIGHT_BROWSERS_PATH = root;
    const linux = playwrightChromiums().filter((p) => p.endsWith(join('chrome-linux', 'chrome')));
    expect(linux).toEqual([
      join(root, 'chromium-1200', 'chrome-linux', 'chrome'),
      join(root, 'chromium-1091', 'chrome-linux', 'chrome')
    ]);
  });

  it('returns nothing when the Playwright cache does not exist', () => {
    process.env.PLAYWRIGHT_BROWSERS_PATH = join(tmpdir(), 'no-such-playwright-cache');
    expect(playwrightChromiums()).toEqual([]);
  });
});
