/**
 * The fault rules a reader adds in the simulator (RFC 3261 says nothing of them: they are the
 * simulated network's losses, sim/network faults) carry this name, which tells them from the
 * scenario's own.
 */
export const USER_FAULT_NAME = 'dropped by you';
