/**
 * The /inspect page's Web Worker: reading a capture, its calls, elements and RFC check run here, off
 * the page's thread, so a 50 MB file never freezes the page (comlink carries the calls; the progress
 * callback comes back as a comlink proxy).
 */
import { expose } from 'comlink';
import { CaptureHost } from './capture-host';

expose(new CaptureHost());
