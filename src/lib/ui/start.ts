/**
 * Connects the workspace to the browser: the engine worker, IndexedDB and the
 * first-visit sample data. Runs once per page load.
 */
import { scenarioEngine } from '$lib/workers/engine-client';
import { appEngine } from './app-engine';
import { browserData } from './browser-data';
import { notices } from './notices.svelte';
import { workspace } from './workspace-instance.svelte';
import { readSharedFingerprint } from './share/shared-link.svelte';
import { base } from '$app/paths';
import { dev } from '$app/environment';

let started: Promise<void> | null = null;

export function startWorkspace(): Promise<void> {
  started ??= (async () => {
    workspace.attachEngine(scenarioEngine(appEngine(), { draws: 200 }));
    // a pending save of the working scenario is written before the page goes away
    const flush = () => void workspace.flushSession();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
    try {
      workspace.attachData(browserData);
      // a shared link carries the scenario in the fragment (#s=...); notebooks link with ?scenario=...
      const shared =
        new URLSearchParams(location.hash.slice(1)).get('s') ?? new URLSearchParams(location.search).get('scenario');
      readSharedFingerprint(location.hash);
      await workspace.restore(shared);
    } catch (error) {
      notices.push('error', error instanceof Error ? error.message : String(error));
    } finally {
      registerOfflineCache();
    }
  })();
  return started;
}

/**
 * Registers the service worker (src/service-worker.ts) that caches this version for offline
 * use, once the first visit has its numbers: installing it downloads and compiles every
 * asset, work that would otherwise share the two cores with the first fit.
 */
function registerOfflineCache(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(`${base}/service-worker.js`, { type: dev ? 'module' : 'classic' })
    .catch((error: unknown) => {
      // the app works without it; only the offline copy is missing
      console.warn('offline cache not installed:', error);
    });
}
