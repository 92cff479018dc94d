/**
 * The words of the lab builder's form: the label of every field of a lab document — the settings of an
 * element as RFC 3261 names them (address of record, registrar, Record-Route), the parts of tasks,
 * checks, the timeline, a submission. The builder's fields and the sentences of lab-issues.ts (through
 * field-places.ts) both read them, so a problem names the field as the form shows it. Times stored in
 * ms are shown in seconds and loss (0–1) in %, the units a person reads everywhere in SIP Lab.
 */

/** The label of each setting of an element, as the builder's element panel shows it. */
export const SETTING_LABELS: Readonly<Record<string, string>> = {
  kind: 'Kind',
  name: 'Name',
  recordRoute: 'Record-Route',
  forking: 'Forking',
  password: 'Password (digest)',
  username: 'User name (digest)',
  aor: 'Address of record (AOR)',
  registrar: 'Registrar (SIP URI)',
  outboundProxy: 'Outbound proxy (SIP URI)',
  displayName: 'Display name',
  registerExpires: 'REGISTER expires (s)',
  subscribeExpires: 'SUBSCRIBE expires (s)',
  firstCSeq: 'First CSeq number',
  answer: 'How it answers calls',
  mode: 'Answers calls',
  ringMs: 'Rings for (s)',
  ring: 'Rings',
  followRedirects: 'Follows redirects',
  refresh: 'Refreshes its registration',
  address: 'IP address',
  port: 'Port',
  host: 'Host name (DNS)',
  label: 'Label',
  domain: 'Domain',
  authenticate: 'Asks for digest authentication',
  realm: 'Realm',
  users: 'Users (digest credentials)',
  minExpires: 'Minimum expires (s)',
  maxExpires: 'Maximum expires (s)',
  bindings: 'Bindings at the start',
  timerCMs: 'Timer C (s)',
  status: 'Redirect status',
  initial: 'Presence at the start',
  position: 'Position',
};

/** A proxy's or redirect server's `registrar` names the registrar whose bindings it reads. */
export const LOCATION_SERVICE_LABEL = 'Location service (registrar)';

export function settingLabel(name: string, kind?: string): string {
  if (name === 'registrar' && kind !== undefined && kind !== 'user-agent')
    return LOCATION_SERVICE_LABEL;
  return SETTING_LABELS[name] ?? name;
}

/** The arguments of a timeline action, as its row shows them. */
export const ARG_LABELS: Readonly<Record<string, string>> = {
  at: 'At (s)',
  actor: 'Who',
  action: 'Does',
  expires: 'Expires (s)',
  all: 'All bindings',
  to: 'To (SIP URI)',
  sdp: 'With SDP',
  text: 'Text',
  event: 'Event package',
  aor: 'AOR (SIP URI)',
  status: 'Status',
};

export const TOP_LABELS: Readonly<Record<string, string>> = {
  version: 'Format version',
  id: 'Id',
  title: 'Title',
  summary: 'Summary',
  author: 'Author',
  instructions: 'Instructions',
  scenario: 'Network',
  unlock: 'What the student may do',
  tasks: 'Tasks',
  timeLimitMinutes: 'Time limit (minutes)',
  parameters: 'Per-student parameters',
  solution: 'Reference solution',
  answerSalt: 'Answer key',
};

export const SCENARIO_LABELS: Readonly<Record<string, string>> = {
  version: 'Network format version',
  name: 'Name of the network',
  title: 'Title of the network',
  description: 'Description of the network',
  seed: 'Random seed',
  timers: 'Timers T1, T2, T4',
  defaultLatencyMs: 'Latency without a link (ms)',
  elements: 'Elements',
  links: 'Links',
  dns: 'DNS records',
  timeline: 'Timeline',
  faults: 'Fault rules',
  endAt: 'Run ends at (s)',
  maxSteps: 'Step limit',
};

export const LINK_LABELS: Readonly<Record<string, string>> = {
  a: 'Link from',
  b: 'Link to',
  latencyMs: 'Latency (ms)',
  loss: 'Loss (%)',
};

export const FAULT_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  from: 'Sent by',
  to: 'Sent to',
  method: 'Method or status',
  status: 'Method or status',
  datagram: 'Datagram number',
  retransmission: 'Which sends',
  after: 'After (s)',
  until: 'Until (s)',
  count: 'Count',
};

export const TASK_LABELS: Readonly<Record<string, string>> = {
  id: 'Task id',
  title: 'Task title',
  description: 'What to do',
  hint: 'Hint',
  checks: 'Checks',
};

/** The fields of a message matcher (a message check, or the message a question asks to select). */
const MATCHER_LABELS: Readonly<Record<string, string>> = {
  type: 'Event',
  from: 'From',
  to: 'To',
  method: 'Method or status',
  status: 'Method or status',
  retransmission: 'Transmission',
  forwarded: 'Then the receiver',
  headers: 'Header conditions',
};

export const CHECK_LABELS: Readonly<Record<string, string>> = {
  ...MATCHER_LABELS,
  id: 'Id',
  kind: 'Kind of check',
  points: 'Points',
  label: 'In words, for the student',
  absent: 'How many',
  count: 'Times',
  atLeast: 'Times',
  after: 'Only after the first match of',
  element: 'Element',
  binding: 'Has at the end',
  dialog: 'Has at the end',
  transaction: 'Has at the end',
  activity: 'Has at the end',
  setting: 'Setting',
  equals: 'Equals',
  question: 'Question',
  choices: 'Choices',
  correct: 'The right one',
  accept: 'Answers taken as right',
  answerHashes: 'The right answer (sealed)',
  select: 'The message to select',
  nth: 'Which one (1: the first)',
  prompt: 'What the student is asked',
};

export const STATE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  binding: { aor: 'For the AOR', contact: 'To the contact' },
  dialog: { state: 'In the state' },
  activity: { kind: 'Activity', state: 'Ends in the state' },
  transaction: { method: 'Method', state: 'State', reached: 'Reached or ended in' },
};

export const HEADER_LABELS: Readonly<Record<string, string>> = {
  name: 'Header',
  present: 'Condition',
  equals: 'Text',
  contains: 'Text',
  below: 'Number',
  above: 'Number',
};

export const PARAMETER_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  kind: 'Kind',
  label: 'Label',
  choices: 'Choices',
  min: 'Minimum',
  max: 'Maximum',
  length: 'Length',
};

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  kind: 'Kind of action',
  at: 'At (s)',
  action: 'User action',
  element: 'Element',
  settings: 'Settings',
  rule: 'Fault rule',
  a: 'Link from',
  b: 'Link to',
  latencyMs: 'Latency (ms)',
  loss: 'Loss (%)',
  question: 'Question',
  choice: 'Answer',
  check: 'Check',
  text: 'The message written',
};

export const SUBMISSION_LABELS: Readonly<Record<string, string>> = {
  version: 'Format version',
  labId: 'Lab id',
  labHash: 'Lab hash',
  student: 'Student',
  paramSeed: 'Parameter seed',
  actions: 'Actions',
  claimedScore: 'Claimed score',
  submittedAt: 'Submitted at',
};

/** Fields stored in ms that the form shows in seconds. */
export const SECONDS_FIELDS: ReadonlySet<string> = new Set([
  'at',
  'endAt',
  'after',
  'until',
  'ringMs',
  'timerCMs',
]);
