/**
 * Capture files: the SIP messages of a pcap or pcapng file (readCapture), its calls and elements
 * (callsOf, endpointsOf), and pcap files written from datagrams or a simulation trace. Pure
 * TypeScript over Uint8Array and DataView, on the codec only: the page runs it in a Web Worker, the
 * CLI in Node.
 */
export { readCapture, captureFormat, MAX_PROBLEMS } from './read-capture';
export { CaptureFormatError } from './errors';
export { parsedOf, firstLineOf } from './captured-message';
export { forwardedDiff, type ForwardedDiff } from './forwarded';
export { NO_CONTENT_LENGTH_NOTE } from './sip-stream';
export { callsOf, type CaptureCall } from './calls';
export { endpointsOf, type CaptureEndpoint, type EndpointKind } from './endpoints';
export { linkTypeName, isSupportedLinkType } from './link-layer';
export {
  writePcap,
  tracePcap,
  traceDatagrams,
  parseEndpoint,
  ipv6Bytes,
  SIMULATION_EPOCH_SECONDS,
  type PcapDatagram,
  type PcapWriteResult,
  type TraceDatagram,
} from './pcap-writer';
export type {
  CaptureFileFormat,
  CaptureProblem,
  CaptureResult,
  CapturedMessage,
  CapturedMessageError,
  LinkTypeInfo,
  ReadCaptureOptions,
} from './types';
