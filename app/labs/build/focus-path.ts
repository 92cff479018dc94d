/**
 * Takes the instructor to a field of the builder (the one a problem names): scrolls to the field with
 * this data-path, or the nearest part of the form that holds it, and gives it focus. The caller selects
 * the element or link it is in first.
 */
export function focusPath(path: string): void {
  let p = path;
  for (;;) {
    const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      const control = el.matches('input, select, textarea, button')
        ? el
        : el.querySelector<HTMLElement>('input, select, textarea, button');
      control?.focus({ preventScroll: true });
      return;
    }
    const shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === p || shorter === '') return;
    p = shorter;
  }
}
