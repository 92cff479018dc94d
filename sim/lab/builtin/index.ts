/**
 * The built-in labs (content/labs/*.json), validated, in course order. They are data like any shared
 * lab: parseLab checks them as it checks a link or a file. The files hold the answer key in clear, so
 * this module is for the server side of the pages and for the command line only: it is not exported
 * from sim/lab's index, and a page gets a built-in lab sealed (answer-key.ts), as a prop, never this
 * module in its JavaScript.
 */
import forkingMissingBinding from '../../../content/labs/forking-missing-binding.json';
import lostMessage from '../../../content/labs/lost-message.json';
import maxForwards483 from '../../../content/labs/max-forwards-483.json';
import recordRoute from '../../../content/labs/record-route.json';
import registerDigest from '../../../content/labs/register-digest.json';
import statelessVsStateful from '../../../content/labs/stateless-vs-stateful.json';
import writeTheBye from '../../../content/labs/write-the-bye.json';
import { legacyLabHash, parseLab, sealLab, type Lab } from '..';

const DOCUMENTS: readonly unknown[] = [
  registerDigest,
  recordRoute,
  forkingMissingBinding,
  lostMessage,
  statelessVsStateful,
  maxForwards483,
  writeTheBye,
];

/** Validated built-in labs, by id. */
export const BUILTIN_LABS: ReadonlyMap<string, Lab> = new Map(
  DOCUMENTS.map((d) => {
    const lab = parseLab(d);
    return [lab.id, lab];
  }),
);

/** The ids of the built-in labs, in course order. */
export function builtinLabIds(): string[] {
  return [...BUILTIN_LABS.keys()];
}

/** A fresh copy of a built-in lab (callers may change it, e.g. "Edit a copy"). */
export function builtinLab(id: string): Lab | undefined {
  const lab = BUILTIN_LABS.get(id);
  return lab === undefined ? undefined : structuredClone(lab);
}

/** A built-in lab as pages get it: answers sealed, no reference solution. */
export function sealedBuiltinLab(id: string): Lab | undefined {
  const lab = BUILTIN_LABS.get(id);
  return lab === undefined ? undefined : sealLab(lab);
}

/** Every built-in lab, sealed, in course order. */
export function sealedBuiltinLabs(): Lab[] {
  return [...BUILTIN_LABS.values()].map(sealLab);
}

/** The hash students' saved work was kept under before answers were sealed. */
export function builtinLegacyHash(id: string): string | undefined {
  const lab = BUILTIN_LABS.get(id);
  return lab === undefined ? undefined : legacyLabHash(lab);
}
