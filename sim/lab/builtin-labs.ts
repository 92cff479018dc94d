/**
 * The built-in labs (content/labs/*.json), validated, in course order. They are data like any shared
 * lab: parseLab checks them as it checks a link or a file.
 */
import forkingMissingBinding from '../../content/labs/forking-missing-binding.json';
import lostMessage from '../../content/labs/lost-message.json';
import maxForwards483 from '../../content/labs/max-forwards-483.json';
import recordRoute from '../../content/labs/record-route.json';
import registerDigest from '../../content/labs/register-digest.json';
import statelessVsStateful from '../../content/labs/stateless-vs-stateful.json';
import { parseLab, type Lab } from './lab-schema';

const DOCUMENTS: readonly unknown[] = [
  registerDigest,
  recordRoute,
  forkingMissingBinding,
  lostMessage,
  statelessVsStateful,
  maxForwards483,
];

/** Validated built-in labs, by id. */
export const BUILTIN_LABS: ReadonlyMap<string, Lab> = new Map(
  DOCUMENTS.map((d) => {
    const lab = parseLab(d);
    return [lab.id, lab];
  }),
);

export function builtinLabIds(): string[] {
  return [...BUILTIN_LABS.keys()];
}

/** A fresh copy of a built-in lab (callers may change it, e.g. "Edit a copy"). */
export function builtinLab(id: string): Lab | undefined {
  const lab = BUILTIN_LABS.get(id);
  return lab === undefined ? undefined : structuredClone(lab);
}
