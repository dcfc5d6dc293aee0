import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // tfjs is loaded lazily; pre-bundle it so `vite dev` does not reload on first use.
  optimizeDeps: { include: ['@tensorflow/tfjs', 'dexie', 'papaparse', 'comlink', 'd3', '@observablehq/plot'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // quiet the plugin-timing report on every build
    rolldownOptions: { checks: { pluginTimings: false } }
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
          setupFiles: ['tests/unit/setup.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'validate',
          environment: 'node',
          include: ['tests/validate/**/*.test.ts'],
          setupFiles: ['tests/unit/setup.ts'],
          testTimeout: 300_000
        }
      }
    ]
  }
});
