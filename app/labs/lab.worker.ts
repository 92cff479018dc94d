/**
 * The lab pages' Web Worker: runs the simulation for grading and for listing a run's messages away
 * from the page's thread, so a long run never freezes the tab (the page stops it after a time limit).
 */
import { computeRun, type RunRequest } from './run-protocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ id: number; request: RunRequest }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { id, request } = e.data;
  scope.postMessage({ id, response: computeRun(request) });
};
