/**
 * An exercise as data: which element the student plays and which of its messages they write, the
 * scenario that leads there (built from the attempt's drawn values), what the page says is expected,
 * and the lesson and RFC sections that teach it.
 */
import type { ScenarioInput } from '../scenario';
import type { World } from './world';

/** The message of an element a moment is about: its nth request of a method, or response of a status. */
export interface MessageTarget {
  element: string;
  method?: string;
  status?: number;
  /** From 1; retransmissions do not count. */
  nth: number;
}

/** The kinds of element a student can play, for the list of exercises. */
export type ExerciseGroup =
  | 'user agent (client)'
  | 'user agent (server)'
  | 'proxy'
  | 'registrar'
  | 'redirect server'
  | 'presence server';

export const EXERCISE_GROUPS: readonly ExerciseGroup[] = [
  'user agent (client)',
  'user agent (server)',
  'proxy',
  'registrar',
  'redirect server',
  'presence server',
];

/** A fact the element knows that no message shows (its password, the expiry the user chose). */
export interface Fact {
  label: string;
  value: string;
}

/** How the editor starts: empty, with the message the element received, or with one it sent before. */
export type Prefill = 'empty' | 'received' | 'sent';

export interface ExerciseSetup {
  scenario: ScenarioInput;
  target: MessageTarget;
  /** What is expected, said to the student ("you are proxy.b.example.com: forward this INVITE ..."). */
  prompt: string;
  facts: Fact[];
}

export interface ExerciseDefinition {
  id: string;
  title: string;
  group: ExerciseGroup;
  /** What it practises, in one line. */
  summary: string;
  /** The slug of the lesson that teaches it. */
  lesson: string;
  /** RFC 3261 sections (or "RFC 6665 §4.2.1"-style references for other RFCs). */
  sections: string[];
  prefill: Prefill;
  build(world: World): ExerciseSetup;
}
