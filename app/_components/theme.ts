import { storageKey } from '../_deploy/storage-key';

export type Theme = 'light' | 'dark';

/** Each deployment keeps its own choice (app/_deploy/storage-key.ts). */
export const THEME_STORAGE_KEY = storageKey('theme');

/**
 * Runs in <head> before the first paint: applies a theme the reader chose earlier.
 * Without a stored choice, data-theme stays unset and the CSS follows prefers-color-scheme.
 */
export const THEME_INIT_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
