'use client';

/**
 * "A new version of SIP Lab is ready — Reload": shown when a new deployment has been downloaded in the
 * background (use-service-worker.ts). Reload switches to it and reloads; Later hides the banner, and
 * the new version then starts once every tab of the course is closed. Both are plain buttons (keyboard
 * and touch); the banner appears in a polite live region, so screen readers announce it.
 */
import { useState } from 'react';
import { useServiceWorker } from './use-service-worker';
import './update-prompt.css';

export function UpdatePrompt() {
  const { updateReady, applyUpdate } = useServiceWorker();
  const [later, setLater] = useState(false);
  return (
    // Always there, so that screen readers announce the banner when it appears. aria-live without
    // role="status": the pages keep their own status regions (the simulator's step counter).
    <div className="update-prompt-region" aria-live="polite">
      {updateReady && !later ? (
        <section className="update-prompt" aria-label="New version">
          <p>A new version of SIP Lab is ready.</p>
          <div className="update-prompt-actions">
            <button type="button" className="update-prompt-reload" onClick={applyUpdate}>
              Reload
            </button>
            <button type="button" className="update-prompt-later" onClick={() => setLater(true)}>
              Later
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
