/**
 * What bench:web installs in the page before it loads (issue 14's in-page timings), as a string: tsx's
 * helpers (e.g. __name) do not exist in the page, so no function of ours may be serialized into it.
 *
 * - every long task (PerformanceObserver 'longtask', buffered: each main-thread task of 50 ms or more);
 * - when the step counter (.sim-counter-step) first shows anything, the step the URL asks for, and a
 *   total without "+" (the run's length known);
 * - Step and Back: from the click (a capture-phase listener, before React sees it) to the first
 *   animation frame after the counter shows another text (MutationObserver, then requestAnimationFrame);
 * - a change ("Drop this message", or "Remove" in the list of messages you dropped): from the click
 *   to the first frame after that list has another length, which the page renders from the re-run
 *   (in the same render as the re-run's ladder and counter).
 */
export const IN_PAGE_SCRIPT = `(() => {
  const b = (window.__bench = { longtasks: [], steps: [], changes: [], marks: {}, pending: null, change: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    b.noLongtask = String(e);
  }
  const want = new URLSearchParams(location.search).get('step');
  const counterText = () => {
    const el = document.querySelector('.sim-counter-step');
    return el ? (el.textContent || '').replace(/\\s+/g, ' ').trim() : null;
  };
  const buttonLabel = (el) => (el.textContent || '').replace(/[\\u25B6\\u25C0\\u2717]/g, '').trim();
  // The list under "Messages you dropped": the page renders it from the re-run's scenario, so it
  // changes in the same render as the re-run's ladder and counter.
  const faultCount = () => document.querySelectorAll('.sim-faults .sim-plain-list > li').length;
  b.counterText = counterText;
  b.faultCount = faultCount;
  const check = () => {
    const t = counterText();
    if (t === null) return;
    const now = performance.now();
    if (b.marks.counter === undefined) b.marks.counter = now;
    if (b.marks.atStep === undefined && want !== null && t.startsWith('Step ' + want + ' of')) b.marks.atStep = now;
    if (b.marks.totalKnown === undefined && /^Step \\d+ of \\d+$/.test(t)) {
      b.marks.totalKnown = now;
      b.marks.totalText = t;
    }
    const p = b.pending;
    if (p && !p.seen && t !== p.before) {
      p.seen = true;
      requestAnimationFrame(() => {
        b.steps.push({ kind: p.kind, ms: performance.now() - p.t0 });
        if (b.pending === p) b.pending = null;
      });
    }
    const c = b.change;
    if (c && !c.seen && faultCount() !== c.before) {
      c.seen = true;
      requestAnimationFrame(() => {
        b.changes.push({ from: c.from, ms: performance.now() - c.t0 });
        if (b.change === c) b.change = null;
      });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('click', (e) => {
    const button = e.target && e.target.closest ? e.target.closest('button') : null;
    if (!button) return;
    const label = buttonLabel(button);
    if (label === 'Step' || label === 'Back')
      b.pending = { kind: label, t0: performance.now(), before: counterText(), seen: false };
    else if (label === 'Drop this message' || label === 'Stop dropping this message' || label.startsWith('Remove'))
      b.change = { from: label, t0: performance.now(), before: faultCount(), seen: false };
  }, true);
})();`;

/** What the page script collects (window.__bench). */
export interface InPage {
  longtasks: { start: number; duration: number }[];
  steps: { kind: 'Step' | 'Back'; ms: number }[];
  changes: { from: string; ms: number }[];
  marks: { counter?: number; atStep?: number; totalKnown?: number; totalText?: string };
  noLongtask?: string;
}
