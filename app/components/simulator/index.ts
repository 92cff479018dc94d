/** The simulator widget: <Simulator scenario="registration" /> (see Simulator.tsx for its props). */
export { Simulator, type SimulatorProps, type SimulatorView } from './Simulator';
export type { LadderFilter } from './ladder-filter';
export { USER_FAULT_NAME } from './user-faults';
export { ALL_TOGGLES, type ToggleName } from './Toggles';
