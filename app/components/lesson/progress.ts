'use client';
/**
 * Course progress, kept in this browser (localStorage): which self-checks were answered right. A
 * lesson is done when all of its self-checks have been answered right once. Nothing leaves the browser.
 */
import { browserStorageKey } from '../../_deploy/storage-key';
import { browserRecord } from '../browser-record';

// Each deployment keeps its own progress (app/_deploy/storage-key.ts).
const course = browserRecord<true>(browserStorageKey('progress'));

export function markCorrect(checkId: string): void {
  course.set(checkId, true);
}

export function useProgress(): Readonly<Record<string, true>> {
  return course.use();
}
