/** The transaction layer (RFC 3261 §17): four state machines, the matching rules, and the layer. */
export type {
  Clock,
  TimerConfig,
  Destination,
  SendInfo,
  TransactionEnv,
  TransactionEvent,
} from './env';
export {
  DEFAULT_TIMERS,
  TIMER_TABLE,
  TIMER_D_MINIMUM_MS,
  transactionTimeout,
  type TimerName,
  type TimerRow,
} from './timers';
export { TransactionError } from './errors';
export { newBranch } from './branch';
export { ackForNonSuccess } from './ack';
export { cancelFor } from './cancel';
export { responseDestination, defaultViaPort } from './response-destination';
export {
  clientKey,
  clientKeyOfResponse,
  serverKey,
  serverBranchKey,
  isRfc3261Branch,
  matchesRfc2543,
  sameVia,
  type Rfc2543Mode,
} from './matching';
export {
  inviteClientTransaction,
  reliableInviteClientTransaction,
} from './invite-client-transaction';
export {
  nonInviteClientTransaction,
  reliableNonInviteClientTransaction,
} from './non-invite-client-transaction';
export {
  inviteServerTransaction,
  reliableInviteServerTransaction,
} from './invite-server-transaction';
export { nonInviteServerTransaction } from './non-invite-server-transaction';
export type {
  TransactionState,
  ClientTransactionInput,
  ServerTransactionInput,
  ClientTransactionUser,
  ServerTransactionUser,
} from './transaction-machine';
export {
  ClientTransaction,
  ServerTransaction,
  type Transaction,
  type TransactionKind,
  type TransactionSnapshot,
  type RunningTimer,
} from './transaction';
export type { TransactionUser, ReceivedRequest } from './transaction-user';
export {
  MachineRunner,
  type MachineTimers,
  type RunnerOptions,
  type RunnerSnapshot,
} from './machine-runner';
export {
  EndedMachines,
  edgeId,
  statePath,
  type MachineInstance,
  type MachineEnv,
  type MachineMeta,
  type MachineTimer,
  type MachineTrace,
  type TakenTransition,
} from './machine-view';
export { machineGraph, type GraphEdge, type GraphState, type MachineGraph } from './machine-graph';
export {
  TransactionLayer,
  type TransactionLayerOptions,
  type TransactionLayerSnapshot,
} from './transaction-layer';
