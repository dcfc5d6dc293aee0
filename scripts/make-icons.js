// Renders the app's PNG icons from static/favicon.svg with the system Chromium (dev time; the PNGs are
// committed, so the build and the offline app need nothing at run time).
//   node scripts/make-icons.js
// Writes static/icons/icon-192.png, icon-512.png (purpose "any": the mark edge to edge, rounded corners)
// and maskable-192.png, maskable-512.png (purpose "maskable": the mark inside the 80% safe zone of the
// W3C Web App Manifest spec, on a full-bleed background, so a launcher's circle or squircle never cuts it).
import { readFileSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium, chromiumArgs, installHint } from './browser-path.js';

const svg = readFileSync('static/favicon.svg', 'utf8');
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? '#1f4e79';

const executablePath = findChromium();
if (!executablePath) {
  console.error(installHint);
  process.exit(1);
}

/** The page that is photographed: the mark at `inset` (fraction of the side) from each edge. */
function html(size, inset, bleed) {
  const mark = size * (1 - 2 * inset);
  return `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;${
    bleed ? `background:${background}` : 'background:transparent'
  };display:grid;place-items:center">
  <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${mark}" height="${mark}">
  </body></html>`;
}

mkdirSync('static/icons', { recursive: true });
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  for (const size of [192, 512]) {
    for (const [name, inset, bleed] of [
      ['icon', 0, false],
      // the safe zone is a circle of radius 40% of the side; a square mark of side 0.56 fits in it
      ['maskable', 0.22, true]
    ]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(html(size, inset, bleed));
      await page.screenshot({ path: `static/icons/${name}-${size}.png`, omitBackground: !bleed });
      await page.close();
      console.log(`static/icons/${name}-${size}.png`);
    }
  }
} finally {
  await browser.close();
}
