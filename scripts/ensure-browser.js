// Fails the e2e step early, with install instructions, when no Chromium is present.
import { findChromium, installHint } from './browser-path.js';

const path = findChromium();
if (!path) {
  console.error(installHint);
  process.exit(1);
}
console.log(`e2e: using Chromium at ${path}`);
