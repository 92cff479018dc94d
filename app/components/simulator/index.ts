/** The simulator widget: <Simulator scenario="registration" /> (see Simulator.tsx for its props). */
export { Simulator, type SimulatorProps } from './Simulator';
export { ALL_TOGGLES, type ToggleName } from './Toggles';
