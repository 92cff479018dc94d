/**
 * The project's own messages (test/fixtures/messages/manifest.json): one request per method, the
 * common responses, and one message per problem validation reports, checked as `sip check` does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineFor, verdictFor } from '@/cli/commands/check';
import { parseMessage } from '@/sim/codec';

interface MessageCase {
  file: string;
  description: string;
  expect: 'accept' | 'reject';
  status?: number;
  reason?: string;
  header?: string;
  unsupported?: string[];
}

const dir = path.resolve(__dirname, '../../fixtures/messages');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
  cases: MessageCase[];
};
const read = (file: string): Buffer => readFileSync(path.join(dir, file));

const METHODS = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'REGISTER',
  'OPTIONS',
  'SUBSCRIBE',
  'NOTIFY',
  'MESSAGE',
  'PRACK',
  'UPDATE',
  'INFO',
  'REFER',
  'PUBLISH',
];
const STATUSES = [
  100, 180, 183, 200, 202, 301, 302, 380, 400, 401, 404, 407, 408, 415, 420, 480, 481, 483, 486,
  487, 500, 503, 600, 603, 604,
];

describe('message fixtures', () => {
  const accepted = manifest.cases
    .filter((c) => c.expect === 'accept')
    .map((c) => parseMessage(read(c.file)));

  it('include an accepted request for every method', () => {
    const methods = new Set(accepted.flatMap((m) => (m.kind === 'request' ? [m.method] : [])));
    for (const method of METHODS) expect(methods, method).toContain(method);
  });

  it('include an accepted response for every status', () => {
    const statuses = new Set(accepted.flatMap((m) => (m.kind === 'response' ? [m.status] : [])));
    for (const status of STATUSES) expect(statuses, String(status)).toContain(status);
  });

  it('have CRLF line ends (all but invalid/bare-lf.sip), and bare-lf.sip has LF alone', () => {
    for (const c of manifest.cases) {
      const text = read(c.file).toString('latin1');
      const bareLf = /(^|[^\r])\n/.test(text);
      expect(bareLf, c.file).toBe(c.file === 'invalid/bare-lf.sip');
      expect(text.includes('\r\n\r\n') || c.file === 'invalid/bare-lf.sip', c.file).toBe(true);
    }
  });

  it('are all listed in README.md', () => {
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const c of manifest.cases) expect(readme, c.file).toContain('`' + c.file + '`');
  });
});

describe('message verdicts (as `sip check` reaches them)', () => {
  it.each(manifest.cases)('$file: $expect $status', (c) => {
    const verdict = verdictFor(read(c.file));
    const line = lineFor(c.file, verdict);
    if (!('verdict' in line)) throw new Error('a verdict line has no verdict');
    expect(line.verdict, verdict.verdict === 'reject' ? verdict.detail : '').toBe(c.expect);
    if (line.verdict === 'accept' || verdict.verdict === 'accept') return;
    if (c.status !== undefined) expect(line.status).toBe(c.status);
    if (c.reason !== undefined) expect(line.reason).toContain(c.reason);
    if (c.header !== undefined)
      expect(verdict.issue?.header ?? verdict.error?.header).toBe(c.header);
    if (c.unsupported !== undefined) expect(verdict.issue?.unsupported).toEqual(c.unsupported);
    // Whatever the problem, the verdict explains it with the RFC.
    expect(verdict.detail).toMatch(/RFC \d+/);
  });

  it('accepts invalid/bare-lf.sip when bare LF is allowed', () => {
    expect(verdictFor(read('invalid/bare-lf.sip'), { allowBareLf: true }).verdict).toBe('accept');
  });
});
