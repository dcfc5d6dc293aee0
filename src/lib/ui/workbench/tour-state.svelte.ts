/** Whether the workbench tour is showing (opened on a first visit or from the header). */
export const tour = $state({ open: false });

/** localStorage key remembering that the tour was seen (a UI preference, no data). */
export const TOUR_SEEN_KEY = 'lever-lab:tour-seen';
