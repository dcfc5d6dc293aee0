/** Whether the workbench tour is showing (opened on a first visit or from the header). */
export const tour = $state({ open: false });
