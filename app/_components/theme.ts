export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'sip-lab-theme';

/**
 * Runs in <head> before the first paint: applies a theme the reader chose earlier.
 * Without a stored choice, data-theme stays unset and the CSS follows prefers-color-scheme.
 */
export const THEME_INIT_SCRIPT = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
