/** Dialogs (RFC 3261 §12): state, identifiers, and requests built inside a dialog. */
export {
  Dialog,
  dialogKey,
  dialogIdFor,
  type DialogEnd,
  type DialogState,
  type DialogRole,
  type DialogSnapshot,
} from './dialog';
export { dialogMachine, type DialogMachineEvent } from './dialog-machine';
