/**
 * The simulator's Web Worker: the session (sim/session SessionHost) runs here, off the page's thread;
 * the page sends step / go-to / change requests and draws the updates it gets back (comlink carries
 * the calls). Background work (counting the run's steps, the RFC check) yields between slices with a
 * macrotask, so a Step is answered at once even while it runs.
 */
import { expose } from 'comlink';
import { SessionHost } from '@/sim/session';

expose(new SessionHost(() => new Promise<void>((resolve) => setTimeout(resolve, 0))));
