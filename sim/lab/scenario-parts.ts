/**
 * The pieces of sim/scenario's schema that a lab reuses: a student's timeline action, fault rule and
 * link are validated by the very schemas a scenario's timeline, faults and links use, and the settings a
 * lab may unlock are the fields of each element kind. Taken from scenarioSchema itself, so the two
 * formats cannot drift apart.
 */
import { scenarioSchema, type ScenarioElement } from '../scenario';

export const timelineActionSchema = scenarioSchema.shape.timeline.unwrap().element;
export const faultRuleSchema = scenarioSchema.shape.faults.unwrap().element;
const elementSchema = scenarioSchema.shape.elements.element;

/** The user actions a timeline can hold ("register", "invite", ...). */
export const TIMELINE_ACTIONS: readonly string[] = timelineActionSchema.options.map(
  (o) => o.shape.action.value,
);

/** Fields no lab may unlock: they identify the element, and checks and links refer to them. */
const FIXED = new Set(['name']);

/** The settings of each element kind that a lab may unlock (every field of its schema but its name). */
export const SETTINGS_BY_KIND: ReadonlyMap<ScenarioElement['kind'], readonly string[]> = new Map(
  elementSchema.options.flatMap((o) => {
    const keys = Object.keys(o.shape).filter((k) => !FIXED.has(k));
    const kind = o.shape.kind;
    const kinds: ScenarioElement['kind'][] =
      'options' in kind ? [...kind.options] : [kind.value as ScenarioElement['kind']];
    return kinds.map((k) => [k, keys] as const);
  }),
);
