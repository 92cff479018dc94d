/** Every rule, in catalog order (by RFC section, roughly as RFC 3261 reads). */
import type { Rule } from '../rule';
import { ack2xxCredentials, ack2xxCSeq, ack2xxSent } from './ack-2xx';
import { ackNon2xxMatchesInvite, ackNon2xxSameDestination, ackNon2xxSent } from './ack-non2xx';
import {
  authResubmitCSeq,
  digestCredentialsEcho,
  digestQop,
  digestResponseRule,
  digestUri,
} from './auth';
import { branchUnique } from './branch-unique';
import {
  cancelAfterFinal,
  cancelAfterProvisional,
  cancelMatchesRequest,
  cancelOnlyInvite,
  cancelSameDestination,
  uasCancel200,
  uasCancel487,
} from './cancel';
import {
  inviteRetransmitAfterFinal,
  inviteRetransmitAfterProvisional,
  inviteRetransmitTimerA,
  inviteRetransmitTimerB,
  nonInviteRetransmitAfterFinal,
  nonInviteRetransmitTimerE,
  nonInviteRetransmitTimerF,
} from './client-timers';
import {
  dialogResponseContact,
  dialogResponseRecordRoute,
  inDialogCSeq,
  inDialogIdentifiers,
  inDialogRequestUri,
  inDialogRoute,
  requestSentToRoute,
} from './dialog';
import {
  notifyEvent,
  notifySubscriptionState,
  subscribeAcceptedNotify,
  subscribeEvent,
  subscribeRefreshInDialog,
  unsubscribeNotifyTerminated,
} from './events';
import {
  contentLengthMatchesBody,
  contentLengthOnStream,
  contentTypeWithBody,
  parseable,
} from './framing';
import { message2xxNoBody, message2xxNoContact } from './message-method';
import {
  proxyCancel200,
  proxyCancelForwarded,
  proxyCancelsAfterFinal,
  proxyCancelsOn6xx,
  timerC,
} from './proxy-cancel';
import {
  maxForwardsDecremented,
  maxForwardsZero,
  proxyAddsVia,
  proxyRemovesVia,
  proxyRequestBodyUnchanged,
  proxyResponseBodyUnchanged,
  recordRouteLr,
  recordRouteNamesProxy,
} from './proxy-forwarding';
import {
  proxy503NotForwarded,
  proxyAbsorbsInviteRetransmission,
  proxyBestResponse6xx,
  proxyBestResponseClass,
  proxyForwards2xx,
  proxyForwardsProvisional,
  proxyNo100Forward,
  proxyToTagUnchanged,
} from './proxy-responses';
import {
  registerCSeqIncrement,
  registerOneAtATime,
  registerRefreshBeforeExpiry,
  registerRequestUri,
  registerStar,
} from './register';
import {
  registrar200Bindings,
  registrarNo6xx,
  registrarNoRecordRoute,
  registrarStarRejected,
} from './registrar';
import {
  byeInDialog,
  cancelNoRequire,
  cseqMethod,
  dialogRequestContact,
  fromTag,
  requestRequiredHeaders,
  targetRefreshContact,
  viaBranchCookie,
} from './request-headers';
import {
  proxyNonInvite100,
  responseCopiesRequest,
  responseToTag,
  responseToTagStable,
  tryingNoToTag,
  uasNonInviteProvisional,
} from './response-fields';
import { responseSentToVia, viaReceived } from './response-routing';
import {
  invite100Trying,
  inviteFinalRetransmitAfterAck,
  inviteFinalRetransmitTimerG,
  inviteFinalRetransmitTimerH,
  inviteRetransmissionFinal,
  inviteRetransmissionProvisional,
  nonInviteFinalResponse,
  nonInviteRetransmissionAnswered,
} from './server-transaction';
import {
  digestChallengeQop,
  redirectContact,
  status401WwwAuthenticate,
  status405Allow,
  status407ProxyAuthenticate,
  status415Accept,
  status420Unsupported,
  status421Require,
  status423MinExpires,
} from './status-headers';
import {
  byeExistingDialog2xx,
  calleeByeAfterAck,
  calleeNoByeEarly,
  uas2xxRetransmit,
  uas2xxRetransmitStops,
} from './uas-2xx';

export const ALL_RULES: readonly Rule[] = [
  // §7, §18.3, §20: framing
  parseable,
  contentLengthMatchesBody,
  contentLengthOnStream,
  contentTypeWithBody,
  // §8.1: building a request
  requestRequiredHeaders,
  viaBranchCookie,
  branchUnique,
  fromTag,
  cseqMethod,
  dialogRequestContact,
  requestSentToRoute,
  // §8.2: building a response
  responseCopiesRequest,
  responseToTag,
  responseToTagStable,
  uasNonInviteProvisional,
  status405Allow,
  status420Unsupported,
  status415Accept,
  status421Require,
  // §9: CANCEL
  cancelMatchesRequest,
  cancelNoRequire,
  cancelAfterProvisional,
  cancelSameDestination,
  cancelOnlyInvite,
  cancelAfterFinal,
  uasCancel200,
  uasCancel487,
  // §10: registration
  registerRequestUri,
  registerStar,
  registerCSeqIncrement,
  registerOneAtATime,
  registerRefreshBeforeExpiry,
  registrar200Bindings,
  registrarNoRecordRoute,
  registrarNo6xx,
  registrarStarRejected,
  status423MinExpires,
  // §12: dialogs
  dialogResponseRecordRoute,
  dialogResponseContact,
  inDialogIdentifiers,
  inDialogCSeq,
  inDialogRequestUri,
  inDialogRoute,
  targetRefreshContact,
  // §13: INVITE and its 2xx
  ack2xxSent,
  ack2xxCSeq,
  ack2xxCredentials,
  uas2xxRetransmit,
  uas2xxRetransmitStops,
  // §15: BYE
  byeInDialog,
  calleeByeAfterAck,
  calleeNoByeEarly,
  byeExistingDialog2xx,
  // §16: proxies
  maxForwardsZero,
  proxyNonInvite100,
  maxForwardsDecremented,
  recordRouteLr,
  recordRouteNamesProxy,
  proxyAddsVia,
  proxyRequestBodyUnchanged,
  timerC,
  proxyRemovesVia,
  proxyNo100Forward,
  proxyForwardsProvisional,
  proxyForwards2xx,
  proxyBestResponse6xx,
  proxyBestResponseClass,
  proxy503NotForwarded,
  proxyToTagUnchanged,
  proxyResponseBodyUnchanged,
  proxyCancelsAfterFinal,
  proxyCancelsOn6xx,
  proxyCancel200,
  proxyCancelForwarded,
  // §17: transactions
  inviteRetransmitTimerA,
  inviteRetransmitTimerB,
  inviteRetransmitAfterProvisional,
  inviteRetransmitAfterFinal,
  ackNon2xxSent,
  ackNon2xxSameDestination,
  ackNon2xxMatchesInvite,
  nonInviteRetransmitTimerE,
  nonInviteRetransmitTimerF,
  nonInviteRetransmitAfterFinal,
  nonInviteFinalResponse,
  invite100Trying,
  tryingNoToTag,
  inviteRetransmissionProvisional,
  inviteFinalRetransmitTimerG,
  inviteFinalRetransmitTimerH,
  inviteFinalRetransmitAfterAck,
  inviteRetransmissionFinal,
  nonInviteRetransmissionAnswered,
  // §18: transport
  viaReceived,
  responseSentToVia,
  // §21, §22: status codes, authentication
  redirectContact,
  status401WwwAuthenticate,
  status407ProxyAuthenticate,
  digestChallengeQop,
  authResubmitCSeq,
  digestQop,
  digestUri,
  digestCredentialsEcho,
  digestResponseRule,
  // RFC 3428: MESSAGE
  message2xxNoBody,
  message2xxNoContact,
  // RFC 6026
  proxyAbsorbsInviteRetransmission,
  // RFC 6665: events
  subscribeEvent,
  notifyEvent,
  notifySubscriptionState,
  subscribeAcceptedNotify,
  unsubscribeNotifyTerminated,
  subscribeRefreshInDialog,
];
