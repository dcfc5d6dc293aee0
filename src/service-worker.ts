/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support: after the first visit every asset of this version is cached, so the
 * workbench keeps working with the network off. Same-origin GETs only; nothing is ever
 * sent anywhere. A new build gets a new cache and the old one is deleted on activate.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `lever-lab-${version}`;
/** The SPA shell: every route is served this page and renders in the browser. */
const SHELL = '/';
const ASSETS = [...new Set([SHELL, ...build, ...files])];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS);
      await sw.skipWaiting();
    })()
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  // benchmark data is never cached (it is large and only exists under `npm run bench`)
  if (url.pathname.startsWith('/bench-data/')) return;

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Immutable build assets and static files: cache first.
      if (ASSETS.includes(url.pathname) && url.pathname !== SHELL) {
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
      }
      try {
        const response = await fetch(request);
        if (response.ok && response.type === 'basic' && ASSETS.includes(url.pathname)) {
          await cache.put(request, response.clone());
        }
        return response;
      } catch (error) {
        // Offline: assets from the cache; page navigations get the app shell.
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
        if (request.mode === 'navigate') {
          const shell = await cache.match(SHELL);
          if (shell) return shell;
        }
        throw error;
      }
    })()
  );
});
