/**
 * Which draft the builder opens, from its URL: ?draft=ID (a draft saved in this browser), ?from=<a
 * built-in lab's id> or ?from=link#<lab> (a copy, as a new lab of the instructor's), or the last draft.
 * A copy of a sealed lab says that its right answers came as hashes.
 */
import { LabError, decodeLab, hasSealedAnswers, issueText, type Lab } from '@/sim/lab';
import { CURRENT_DRAFT_KEY, readDrafts, readRaw } from '../storage';
import { copyOfLab, newDraft, newDraftId, toDraft, type Draft } from './draft';

export interface Opened {
  draftId: string;
  draft: Draft;
  /** Where it came from, said once at the top. */
  note: string;
  /** Saved at once (a copy, an import); a new empty lab is saved at its first change. */
  saveNow: boolean;
}

function copiedNote(lab: Lab, what: string): string {
  const sealed = hasSealedAnswers(lab)
    ? ' Its questions came with their right answers sealed (as hashes): the builder shows which choice each one names; choose again to change it. A shared lab carries no reference solution.'
    : '';
  return `A copy of ${what} “${lab.title}”: a new lab of yours.${sealed}`;
}

/** The draft to open, from the URL: ?draft=ID, ?from=<built-in id>, ?from=link#<lab>, or the last one. */
export function openDraft(params: URLSearchParams, builtins: readonly Lab[]): Opened {
  const from = params.get('from');
  const wanted = params.get('draft');
  if (from === 'link') {
    try {
      const lab = decodeLab(window.location.hash);
      return {
        draftId: newDraftId(),
        draft: copyOfLab(lab),
        note: copiedNote(lab, 'the shared lab'),
        saveNow: true,
      };
    } catch (e) {
      return {
        draftId: newDraftId(),
        draft: newDraft(),
        note: `The shared lab could not be copied (${e instanceof LabError ? e.issues.map(issueText).join(' ') : String(e)}); a new lab is open instead.`,
        saveNow: false,
      };
    }
  }
  if (from) {
    const lab = builtins.find((l) => l.id === from);
    if (lab)
      return {
        draftId: newDraftId(),
        draft: copyOfLab(structuredClone(lab)),
        note: copiedNote(lab, 'the built-in lab'),
        saveNow: true,
      };
  }
  const drafts = readDrafts();
  const id = wanted ?? readRaw(CURRENT_DRAFT_KEY);
  const found = drafts.find((d) => d.draftId === id);
  if (found) return { draftId: found.draftId, draft: toDraft(found.doc), note: '', saveNow: false };
  if (wanted)
    return {
      draftId: newDraftId(),
      draft: newDraft(),
      note: 'That draft is not saved in this browser; a new lab is open instead.',
      saveNow: false,
    };
  return { draftId: newDraftId(), draft: newDraft(), note: '', saveNow: false };
}
