/**
 * The SIP codec (RFC 3261 §7, §19, §20, §25): parse, inspect, change and serialize SIP messages;
 * validate them as a server would; SDP and digest helpers. Pure TypeScript, runs in the browser.
 */
export { parseMessage, type ParseOptions } from './parse';
export { serializeMessage, serializeMessageBytes } from './serialize';
export { flatCopy } from './flat-copy';
export {
  keepBytes,
  keptMessage,
  type Kept,
  type KeptRequest,
  type KeptResponse,
} from './kept-bytes';
export { SipParseError, ValueParseError, positionOf, type SourcePosition } from './errors';
export {
  SipRequest,
  SipResponse,
  isRequest,
  isResponse,
  type SipMessage,
  type HeaderField,
} from './message';
export { readCommonFields, type CommonFields } from './common-fields';
export {
  validateMessage,
  checkMessage,
  DEFAULT_ACCEPTED_TYPES,
  type ValidationIssue,
  type ValidationOptions,
  type Verdict,
} from './validate';
export {
  createRequest,
  createResponse,
  responseTo,
  reasonPhrase,
  REASON_PHRASES,
  type HeaderInit,
} from './build';
export { parseUri } from './uri-parse';
export {
  formatUri,
  uriEquals,
  uriParam,
  unescape,
  isSipUri,
  isTelUri,
  defaultPort,
  type Uri,
  type SipUri,
  type TelUri,
  type OtherUri,
} from './uri';
export {
  parseNameAddr,
  parseNameAddrList,
  parseContactList,
  formatNameAddr,
  formatContact,
  isStar,
  type NameAddr,
  type ContactValue,
} from './name-addr';
export { parseViaList, formatVia, viaBranch, viaParam, MAGIC_COOKIE, type Via } from './via';
export {
  findParam,
  paramValue,
  formatParams,
  withParam,
  withoutParam,
  quote,
  type Param,
} from './params';
export {
  parseCSeq,
  parseCallId,
  parseMediaType,
  parseTokenList,
  parseEvent,
  parseSubscriptionState,
  parseWarnings,
  parseDate,
  parseRetryAfter,
  parseMaxForwards,
  type CSeq,
  type MediaType,
  type EventValue,
  type SubscriptionState,
  type Warning,
  type RetryAfter,
} from './header-values';
export { parseAuth, formatAuth, type AuthParams } from './auth';
export { digestResponse, formatNonceCount, type DigestInput, type DigestAlgorithm } from './digest';
export {
  parseSdp,
  writeSdp,
  makeOffer,
  makeAnswer,
  DEFAULT_CODECS,
  type SessionDescription,
  type AudioCodec,
} from './sdp';
export { headerKey, longName, COMPACT_FORMS, LIST_HEADERS, SINGLE_HEADERS } from './header-names';
export { HEADER_DOCS, type HeaderDoc } from './header-docs';
export { explainMessage, type ExplainedLine } from './explain';
export {
  SDP_DOCS,
  SDP_ATTRIBUTE_DOCS,
  explainSdp,
  explainSdpLine,
  type SdpLineDoc,
  type ExplainedSdpLine,
} from './sdp-docs';
export { plainParseError, type PlainError } from './plain-errors';
export {
  plainVerdict,
  messageKindOf,
  type PlainVerdict,
  type PlainProblem,
  type PlainWarning,
  type MessageKind,
} from './plain-verdict';
export { bodyCut, type BodyCut } from './body-cut';
export { bytesToWire, wireToBytes, textToWire, wireToText, isAscii } from './wire';
export { messageDiff, startLineOf, type HeaderChange, type MessageDiff } from './message-diff';
