/**
 * The scenario format: a topology (elements, links, DNS records), a timeline of user actions, and fault
 * rules, as JSON validated with zod. An invalid scenario gets errors that name the path of each bad
 * field, e.g. `elements[2].kind`.
 */
import { z } from 'zod';

const name = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
    'a name of letters, digits, "-" or "_" (at most 32), starting with a letter',
  );
const ipv4 = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
    'an IPv4 address such as 10.0.0.10',
  );
const port = z.number().int().min(1).max(65535);
const hostName = z
  .string()
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/,
    'a DNS name such as proxy.a.example.com',
  );
const sipUri = z.string().regex(/^sips?:[^\s]+$/, 'a SIP URI such as sip:alice@a.example.com');
const digestUser = z.object({ username: z.string().min(1), password: z.string() }).strict();
const position = z.object({ x: z.number(), y: z.number() }).strict();

const base = {
  name,
  address: ipv4,
  port: port.optional(),
  host: hostName.optional(),
  position: position.optional(),
  label: z.string().max(60).optional(),
};

export const userAgentSchema = z
  .object({
    ...base,
    kind: z.literal('user-agent'),
    aor: sipUri,
    displayName: z.string().max(64).optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    registrar: sipUri.optional(),
    outboundProxy: sipUri.optional(),
    registerExpires: z.number().int().min(0).max(86400).optional(),
    answer: z
      .object({
        mode: z.enum(['answer', 'busy', 'decline', 'no-answer', 'manual']),
        ringMs: z.number().int().min(0).max(600000).optional(),
        ring: z.boolean().optional(),
      })
      .strict()
      .optional(),
    followRedirects: z.boolean().optional(),
    inviteExpires: z.number().int().min(1).max(3600).optional(),
    subscribeExpires: z.number().int().min(0).max(86400).optional(),
    refresh: z.boolean().optional(),
    firstCSeq: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict();

export const registrarSchema = z
  .object({
    ...base,
    kind: z.literal('registrar'),
    domain: hostName,
    authenticate: z.boolean().optional(),
    realm: z.string().optional(),
    users: z.array(digestUser).max(100).optional(),
    minExpires: z.number().int().min(0).max(86400).optional(),
    maxExpires: z.number().int().min(1).max(86400).optional(),
    bindings: z
      .array(
        z
          .object({
            aor: sipUri,
            contact: sipUri,
            expires: z.number().int().min(1).max(86400).optional(),
            q: z.number().min(0).max(1).optional(),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict();

export const proxySchema = z
  .object({
    ...base,
    kind: z.enum(['stateful-proxy', 'stateless-proxy']),
    domain: hostName,
    registrar: name.optional(),
    recordRoute: z.boolean().optional(),
    forking: z.enum(['parallel', 'sequential']).optional(),
    timerCMs: z.number().int().min(1000).max(3600000).optional(),
    authenticate: z.boolean().optional(),
    realm: z.string().optional(),
    users: z.array(digestUser).max(100).optional(),
  })
  .strict();

export const redirectSchema = z
  .object({
    ...base,
    kind: z.literal('redirect-server'),
    domain: hostName,
    registrar: name.optional(),
    status: z.union([z.literal(300), z.literal(301), z.literal(302)]).optional(),
  })
  .strict();

export const presenceSchema = z
  .object({
    ...base,
    kind: z.literal('presence-server'),
    domain: hostName,
    initial: z.record(z.string(), z.enum(['open', 'closed'])).optional(),
    maxExpires: z.number().int().min(1).max(86400).optional(),
  })
  .strict();

export const elementSchema = z.discriminatedUnion('kind', [
  userAgentSchema,
  registrarSchema,
  proxySchema,
  redirectSchema,
  presenceSchema,
]);

export const linkSchema = z
  .object({
    a: name,
    b: name,
    latencyMs: z.number().min(0).max(60000).default(10),
    loss: z.number().min(0).max(1).default(0),
  })
  .strict();

const at = z
  .number()
  .min(0)
  .max(24 * 3600 * 1000);
const actor = name;

/** The user actions a timeline can hold, with their arguments. */
export const actionSchema = z.discriminatedUnion('action', [
  z
    .object({
      at,
      actor,
      action: z.literal('register'),
      expires: z.number().int().min(0).max(86400).optional(),
    })
    .strict(),
  z.object({ at, actor, action: z.literal('unregister'), all: z.boolean().optional() }).strict(),
  z
    .object({ at, actor, action: z.literal('invite'), to: sipUri, sdp: z.boolean().optional() })
    .strict(),
  z.object({ at, actor, action: z.literal('cancel') }).strict(),
  z.object({ at, actor, action: z.literal('bye') }).strict(),
  z.object({ at, actor, action: z.literal('answer') }).strict(),
  z.object({ at, actor, action: z.literal('decline') }).strict(),
  z.object({ at, actor, action: z.literal('busy') }).strict(),
  z
    .object({ at, actor, action: z.literal('message'), to: sipUri, text: z.string().max(1000) })
    .strict(),
  z
    .object({
      at,
      actor,
      action: z.literal('subscribe'),
      to: sipUri,
      event: z
        .string()
        .regex(/^[A-Za-z0-9.!%*_+`'~-]+$/)
        .optional(),
      expires: z.number().int().min(0).max(86400).optional(),
    })
    .strict(),
  z.object({ at, actor, action: z.literal('unsubscribe'), to: sipUri.optional() }).strict(),
  z
    .object({
      at,
      actor,
      action: z.literal('set-status'),
      aor: sipUri,
      status: z.enum(['open', 'closed']),
    })
    .strict(),
]);

export const faultSchema = z
  .object({
    name: z.string().max(80).optional(),
    from: name.optional(),
    to: name.optional(),
    method: z
      .string()
      .regex(/^[A-Za-z0-9.!%*_+`'~-]+$/)
      .optional(),
    status: z.union([z.number().int().min(100).max(699), z.string().regex(/^[1-6]xx$/)]).optional(),
    datagram: z.number().int().min(1).optional(),
    retransmission: z.boolean().optional(),
    after: z.number().min(0).optional(),
    until: z.number().min(0).optional(),
    count: z.number().int().min(1).optional(),
  })
  .strict();

/**
 * A message written by a person in place of an element's own ("be the element"): the nth request of
 * `method` or response with `status` the element sends goes out as `raw` (sim/network/replacement.ts).
 */
function isWireString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

export const replacementSchema = z
  .object({
    element: name,
    match: z
      .object({
        method: z
          .string()
          .regex(/^[A-Za-z0-9.!%*_+`'~-]+$/, 'a SIP method name such as BYE')
          .optional(),
        status: z.number().int().min(100).max(699).optional(),
        nth: z.number().int().min(1).max(1000).default(1),
      })
      .strict()
      .superRefine((m, ctx) => {
        if ((m.method === undefined) === (m.status === undefined))
          ctx.addIssue({
            code: 'custom',
            path: ['method'],
            message:
              'name the message replaced by a method (a request) or a status (a response), one of them',
          });
      }),
    raw: z
      .string()
      .min(1)
      .max(65535)
      .refine(isWireString, 'a wire string: one character per byte (0–255)'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and "-"'),
    title: z.string().min(1).max(120),
    description: z.string().max(4000).default(''),
    seed: z.union([z.number().int(), z.string().max(64)]).default(1),
    timers: z
      .object({
        T1: z.number().int().min(10).max(10000).default(500),
        T2: z.number().int().min(100).max(60000).default(4000),
        T4: z.number().int().min(100).max(60000).default(5000),
      })
      .strict()
      .optional(),
    defaultLatencyMs: z.number().min(0).max(60000).default(30),
    elements: z.array(elementSchema).min(1).max(40),
    links: z.array(linkSchema).max(200).default([]),
    dns: z
      .object({
        a: z
          .array(z.object({ name: hostName, address: ipv4 }).strict())
          .max(200)
          .default([]),
        srv: z
          .array(
            z
              .object({
                domain: hostName,
                target: hostName,
                port,
                priority: z.number().int().min(0).max(65535).default(10),
                weight: z.number().int().min(0).max(65535).default(10),
              })
              .strict(),
          )
          .max(200)
          .default([]),
      })
      .strict()
      .default({ a: [], srv: [] }),
    timeline: z.array(actionSchema).max(1000).default([]),
    faults: z.array(faultSchema).max(100).default([]),
    /** Messages written by a person, sent in place of an element's own. */
    replace: z.array(replacementSchema).max(20).optional(),
    /** Stop after this much virtual time (ms). */
    endAt: z
      .number()
      .min(0)
      .max(24 * 3600 * 1000)
      .optional(),
    /** Stop after this many steps (a hostile scenario cannot run for ever). */
    maxSteps: z.number().int().min(1).max(200000).default(20000),
  })
  .strict()
  .superRefine((s, ctx) => {
    const names = new Map<string, string>();
    const endpoints = new Set<string>();
    s.elements.forEach((e, i) => {
      if (names.has(e.name))
        ctx.addIssue({
          code: 'custom',
          path: ['elements', i, 'name'],
          message: `another element is already named "${e.name}"`,
        });
      names.set(e.name, e.kind);
      const ep = `${e.address}:${e.port ?? 5060}`;
      if (endpoints.has(ep))
        ctx.addIssue({
          code: 'custom',
          path: ['elements', i, 'address'],
          message: `another element already listens on ${ep}`,
        });
      endpoints.add(ep);
    });
    s.elements.forEach((e, i) => {
      if (
        'registrar' in e &&
        e.kind !== 'user-agent' &&
        e.registrar !== undefined &&
        names.get(e.registrar) !== 'registrar'
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['elements', i, 'registrar'],
          message: `"${e.registrar}" is not the name of a registrar in this scenario`,
        });
      }
    });
    s.links.forEach((l, i) => {
      if (!names.has(l.a))
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'a'],
          message: `no element is named "${l.a}"`,
        });
      if (!names.has(l.b))
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'b'],
          message: `no element is named "${l.b}"`,
        });
      if (l.a === l.b)
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'b'],
          message: 'a link joins two different elements',
        });
    });
    s.timeline.forEach((a, i) => {
      const kind = names.get(a.actor);
      if (kind === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeline', i, 'actor'],
          message: `no element is named "${a.actor}"`,
        });
        return;
      }
      const wanted = a.action === 'set-status' ? 'presence-server' : 'user-agent';
      if (kind !== wanted)
        ctx.addIssue({
          code: 'custom',
          path: ['timeline', i, 'action'],
          message: `"${a.action}" is an action of a ${wanted}, and ${a.actor} is a ${kind}`,
        });
    });
    (s.replace ?? []).forEach((r, i) => {
      if (!names.has(r.element))
        ctx.addIssue({
          code: 'custom',
          path: ['replace', i, 'element'],
          message: `no element is named "${r.element}"`,
        });
    });
    s.faults.forEach((f, i) => {
      if (f.from !== undefined && !names.has(f.from))
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'from'],
          message: `no element is named "${f.from}"`,
        });
      if (f.to !== undefined && !names.has(f.to))
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'to'],
          message: `no element is named "${f.to}"`,
        });
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioElement = z.output<typeof elementSchema>;
export type TimelineAction = z.output<typeof actionSchema>;
export type ScenarioReplacement = z.output<typeof replacementSchema>;

export interface ScenarioIssue {
  /** The path of the bad field, e.g. "elements[2].kind". */
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(readonly issues: ScenarioIssue[]) {
    super(
      `Invalid scenario: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out === '' ? '' : '.') + String(p);
  }
  return out;
}

/** Validates a scenario (parsed JSON); throws ScenarioError naming each bad field's path. */
export function parseScenario(input: unknown): Scenario {
  const r = scenarioSchema.safeParse(input);
  if (r.success) return r.data;
  throw new ScenarioError(
    r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  );
}
