/**
 * The colour theme: 'system' follows prefers-color-scheme, 'light' and 'dark' force one.
 * The choice is kept in localStorage under THEME_KEY; src/app.html reads it before the
 * first paint (keep the two in step) and sets data-theme on <html>, which app.css reads.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'leverlab-theme';

/** The browser chrome's colour per theme: app.css's --bg (src/app.html holds the same two). */
export const THEME_COLOURS = { light: '#f6f7f9', dark: '#11161d' } as const;

/** Each theme-color meta of app.html: its scheme's colour, or the forced theme's for both. */
function applyThemeColour(choice: ThemeChoice): void {
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const scheme = meta.media.includes('dark') ? 'dark' : 'light';
    meta.content = THEME_COLOURS[choice === 'system' ? scheme : choice];
  }
}

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
  applyThemeColour(choice);
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
}
