/** The app's one workspace, shared by every route. */
import { Workspace } from './workspace.svelte';

export const workspace = new Workspace();
