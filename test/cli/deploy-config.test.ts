import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DeployConfigError,
  deployConfig,
  normalizeBasePath,
  normalizeExportDir,
} from '@/cli/deploy-config.mjs';

describe('normalizeBasePath', () => {
  it('reads unset, empty and "/" as the root', () => {
    expect(normalizeBasePath(undefined)).toBe('');
    expect(normalizeBasePath('')).toBe('');
    expect(normalizeBasePath(' / ')).toBe('');
  });

  it('keeps a leading slash and drops trailing ones', () => {
    expect(normalizeBasePath('/sip-course')).toBe('/sip-course');
    expect(normalizeBasePath('/sip-course/')).toBe('/sip-course');
    expect(normalizeBasePath('/~lecturer/sip//')).toBe('/~lecturer/sip');
    expect(normalizeBasePath('/a%20b/c')).toBe('/a%20b/c');
  });

  it('refuses what a URL path cannot hold as it is, saying what was expected', () => {
    const cases: [string, string][] = [
      ['sip-course', 'starts with "/"'],
      ['/a b', '"a b"'],
      ['/a//b', '""'],
      ['/a/../b', '".."'],
      ['/a?x', '"a?x"'],
      ['/a#x', '"a#x"'],
      ['/%zz', '"%zz"'],
    ];
    for (const [value, says] of cases) {
      expect(() => normalizeBasePath(value), value).toThrow(DeployConfigError);
      expect(() => normalizeBasePath(value), value).toThrow(says);
    }
  });

  it('gives a path that starts with "/" and never ends with one, or the root (property)', () => {
    const segment = fc
      .stringMatching(/^[A-Za-z0-9._~-]{1,12}$/)
      .filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), fc.boolean(), (segments, slash) => {
        const raw = `/${segments.join('/')}${slash && segments.length > 0 ? '/' : ''}`;
        const base = normalizeBasePath(raw);
        expect(base).toBe(segments.length === 0 ? '' : `/${segments.join('/')}`);
        expect(normalizeBasePath(base)).toBe(base);
      }),
      { seed: 3261, numRuns: 200 },
    );
  });
});

describe('normalizeExportDir', () => {
  it('defaults to out and accepts folders inside the project', () => {
    expect(normalizeExportDir(undefined)).toBe('out');
    expect(normalizeExportDir('out-base/')).toBe('out-base');
    expect(normalizeExportDir('build/site')).toBe('build/site');
  });

  it('refuses folders outside the project or that the build reads', () => {
    for (const value of ['/tmp/x', '../x', 'a/../b', 'public', 'app/out', '.next', 'node_modules'])
      expect(() => normalizeExportDir(value), value).toThrow(/EXPORT_DIR/);
  });
});

describe('deployConfig', () => {
  it('reads BASE_PATH and EXPORT_DIR together', () => {
    expect(deployConfig({ BASE_PATH: '/sip-course/', EXPORT_DIR: 'out-base' })).toEqual({
      basePath: '/sip-course',
      exportDir: 'out-base',
    });
    expect(deployConfig({})).toEqual({ basePath: '', exportDir: 'out' });
  });
});
