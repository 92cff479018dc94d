'use client';
/**
 * Practice progress, kept in this browser (localStorage, as the lessons' progress is): which
 * exercises were answered right, with the seed of the attempt. Nothing leaves the browser.
 */
import { browserRecord } from '../components/browser-record';

export interface Solved {
  seed: number;
}

const practice = browserRecord<Solved>('sip-lab-practice');

export function markSolved(id: string, seed: number): void {
  practice.set(id, { seed });
}

export function usePracticeProgress(): Readonly<Record<string, Solved>> {
  return practice.use();
}
