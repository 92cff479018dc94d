/** Dialogs (RFC 3261 §12): state, identifiers, and requests built inside a dialog. */
export {
  Dialog,
  dialogKey,
  dialogIdFor,
  type DialogState,
  type DialogRole,
  type DialogSnapshot,
} from './dialog';
