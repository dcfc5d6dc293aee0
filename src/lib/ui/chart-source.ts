/**
 * The source line of exported charts: the dataset in use (every page) and, on the
 * workbench, the working scenario. Provided through charts/source.ts context.
 */
import { setChartSource } from '$lib/charts/source';
import type { Workspace } from './workspace.svelte';

/** "dataset <name>" of the dataset in use, or null when none is. */
export function datasetSource(workspace: Workspace): string | null {
  const d = workspace.datasets.find((x) => x.id === workspace.activeDatasetId);
  return d ? `dataset ${d.name}` : null;
}

/** Every chart below the calling component names the dataset in use, and the working scenario when asked. */
export function provideChartSource(workspace: Workspace, withScenario: boolean): void {
  setChartSource(() =>
    [datasetSource(workspace), withScenario ? `scenario ${workspace.scenario.name}` : null].filter(Boolean).join(' · ')
  );
}
