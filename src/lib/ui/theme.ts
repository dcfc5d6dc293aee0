/**
 * The colour theme: 'system' follows prefers-color-scheme, 'light' and 'dark' force one.
 * The choice is kept in localStorage under THEME_KEY; src/app.html reads it before the
 * first paint (keep the two in step) and sets data-theme on <html>, which app.css reads.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'leverlab-theme';

export function readTheme(): ThemeChoice {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
}
