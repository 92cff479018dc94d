/** Errors of the transaction layer (RFC 3261 §17): a TU asked for something the RFC does not allow. */
export class TransactionError extends Error {
  constructor(
    message: string,
    /** The rule broken, e.g. "RFC 3261 §8.1.1.7". */
    readonly rule: string,
  ) {
    super(`${message} (${rule})`);
    this.name = 'TransactionError';
  }
}
