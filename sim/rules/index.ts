/**
 * The RFC rule engine: an independent checker that reads SIP messages as they were on the wire
 * (bytes, times, addresses) and reports every broken rule of RFC 3261 and the RFCs around it
 * (2617, 3428, 6026, 6665). It depends on the codec only, so it can catch the simulator's own
 * elements being wrong, and it reads real captures the same way.
 */
import { ALL_RULES } from './rules';
import type { RuleInfo } from './types';

export type {
  WireMessage,
  RuleLevel,
  RuleInfo,
  Finding,
  CheckOptions,
  CheckReport,
  RuleError,
} from './types';
export { checkMessages, checkMessagesReport } from './check';
export { estimateT1 } from './estimate';

/** The rule catalog: id, level, RFC, section and a one-sentence title for each rule. */
export const RULES: readonly RuleInfo[] = ALL_RULES.map(({ id, level, rfc, section, title }) => ({
  id,
  level,
  rfc,
  section,
  title,
}));
