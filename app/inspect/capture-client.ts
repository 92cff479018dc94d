'use client';

/**
 * Where the capture is read: in a Web Worker (capture.worker.ts) when the browser has them, else in
 * the page behind the same asynchronous interface (loaded only then). Nothing leaves the browser.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import type { CaptureHost } from './capture-host';
import type { CaptureRemote, OpenResult } from './protocol';

export interface CaptureConnection {
  host: CaptureRemote;
  close(): void;
}

function inPage(): CaptureConnection {
  let made: Promise<CaptureHost> | undefined;
  const host = (): Promise<CaptureHost> =>
    (made ??= import('./capture-host').then((m) => new m.CaptureHost()));
  const remote: CaptureRemote = {
    open: async (...a) => (await host()).open(...a),
    message: async (...a) => (await host()).message(...a),
    rows: async (...a) => (await host()).rows(...a),
    check: async (...a) => (await host()).check(...a),
    findings: async (...a) => (await host()).findings(...a),
    ladder: async (...a) => (await host()).ladder(...a),
    pcap: async (...a) => (await host()).pcap(...a),
    example: async (...a) => (await host()).example(...a),
  };
  return { host: remote, close: () => {} };
}

export function connectCapture(): CaptureConnection {
  if (typeof Worker === 'undefined') return inPage();
  try {
    const worker = new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module' });
    const remote = wrap<CaptureHost>(worker);
    const host: CaptureRemote = {
      // A File crosses as a handle (the worker reads its bytes); the progress callback stays here.
      open: (file, name, onProgress) =>
        remote.open(file, name, onProgress ? proxy(onProgress) : undefined) as Promise<OpenResult>,
      message: (i) => remote.message(i),
      rows: (start, end) => remote.rows(start, end),
      check: (file) => remote.check(file),
      findings: (start, end) => remote.findings(start, end),
      ladder: (calls, names) => remote.ladder(calls, names),
      pcap: (calls) => remote.pcap(calls),
      example: (name) => remote.example(name),
    };
    return {
      host,
      close: () => {
        remote[releaseProxy]();
        worker.terminate();
      },
    };
  } catch {
    return inPage();
  }
}
