import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The one inline script of src/app.html (the saved theme, applied before the first paint):
// the CSP allows exactly it by its hash, computed here so an edit cannot fall out of step.
const themeScript = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').match(
  /<script>([\s\S]*?)<\/script>/
)?.[1];
if (!themeScript) throw new Error('src/app.html: the theme script is missing');
const themeHash = `sha256-${createHash('sha256').update(themeScript).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static single-page app: every route falls back to index.html and renders in the browser.
    adapter: adapter({ fallback: 'index.html', strict: true }),
    // The offline cache is installed after the first numbers show (src/lib/ui/start.ts): its
    // download and compile of every asset would otherwise compete with the first visit's fit.
    serviceWorker: { register: false },
    // Nothing loads from anywhere but this origin (see SECURITY.md).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval', themeHash],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self', 'blob:'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
