/**
 * `npm run bench:install`: can the course be installed as an app? Lighthouse 12 (with Debian's
 * Chromium, as in bench:web) on the home page, at the root (out/) and under /sip-course/ (out-base/,
 * from `npm run build:subpath`) when it is there. Lighthouse 12 no longer has its PWA category, so
 * this adds back what Lighthouse 11's "installable-manifest" audit did: a gatherer asks Chrome itself
 * (Page.getInstallabilityErrors, Page.getAppManifest) and an audit passes when Chrome reports no
 * error. Chrome runs with a normal (not incognito) profile, where installing is possible. Run after
 * `npm run build`.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { Audit, Gatherer, type Config } from 'lighthouse';
import { createStaticServer } from '../cli/serve-static.mjs';
import { CHROME_FLAGS } from './chrome-flags';

interface Installability {
  manifestUrl: string | null;
  manifestErrors: { message: string; critical: boolean }[];
  installabilityErrors: { errorId: string; errorArguments: { name: string; value: string }[] }[];
  manifest: Record<string, unknown> | null;
}

type Session = { sendCommand: (method: string) => Promise<unknown> };

/** What Chrome says of the page's manifest and of installing it. */
class InstallabilityGatherer extends Gatherer {
  override meta = { supportedModes: ['navigation' as const] };

  // Lighthouse's artifact types list only its own artifacts.
  override getArtifact(context: Parameters<Gatherer['getArtifact']>[0]) {
    return this.gather(context) as unknown as ReturnType<Gatherer['getArtifact']>;
  }

  private async gather(context: unknown): Promise<Installability> {
    const session = (context as { driver: { defaultSession: Session } }).driver.defaultSession;
    const manifest = (await session.sendCommand('Page.getAppManifest')) as {
      url?: string;
      errors?: Installability['manifestErrors'];
      data?: string;
    };
    const { installabilityErrors } = (await session.sendCommand(
      'Page.getInstallabilityErrors',
    )) as { installabilityErrors: Installability['installabilityErrors'] };
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = manifest.data ? (JSON.parse(manifest.data) as Record<string, unknown>) : null;
    } catch {
      parsed = null;
    }
    return {
      manifestUrl: manifest.url || null,
      manifestErrors: manifest.errors ?? [],
      installabilityErrors,
      manifest: parsed,
    };
  }
}

/** Passes when Chrome reports no installability error (Lighthouse 11's installable-manifest). */
class InstallableAudit extends Audit {
  static override get meta() {
    return {
      id: 'installable-manifest',
      title: 'Web app manifest and service worker meet the installability requirements',
      failureTitle:
        'Web app manifest or service worker do not meet the installability requirements',
      description: "Chrome's own installability check (Page.getInstallabilityErrors).",
      requiredArtifacts: ['Installability'],
    } as unknown as typeof Audit.meta;
  }

  static override audit(artifacts: unknown) {
    const a = (artifacts as { Installability: Installability }).Installability;
    const errors = [
      ...a.installabilityErrors.map((e) =>
        [e.errorId, ...e.errorArguments.map((x) => `${x.name}=${x.value}`)].join(' '),
      ),
      ...a.manifestErrors.filter((e) => e.critical).map((e) => `manifest: ${e.message}`),
    ];
    return {
      score: errors.length === 0 ? 1 : 0,
      displayValue: errors.length === 0 ? 'installable' : errors.join('; '),
    };
  }
}

const CONFIG = {
  extends: 'lighthouse:default',
  artifacts: [{ id: 'Installability', gatherer: { instance: new InstallabilityGatherer() } }],
  audits: [{ implementation: InstallableAudit }],
  categories: {
    installable: {
      title: 'Installable',
      auditRefs: [{ id: 'installable-manifest', weight: 1 }],
    },
  },
} as unknown as Config;

async function serve(dir: string, base: string): Promise<{ url: string; close: () => void }> {
  const server = createStaticServer(dir, { base });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${base}/`,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

async function main(): Promise<void> {
  const sites = [{ dir: join(process.cwd(), 'out'), base: '' }];
  if (existsSync(join(process.cwd(), 'out-base', 'sw.js')))
    sites.push({ dir: join(process.cwd(), 'out-base'), base: '/sip-course' });
  const chrome = await chromeLauncher.launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  const rows: string[] = [];
  let failed = false;
  try {
    for (const { dir, base } of sites) {
      const site = await serve(dir, base);
      try {
        const r = await lighthouse(
          site.url,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['installable'] },
          CONFIG,
        );
        if (!r) throw new Error('Lighthouse returned nothing');
        const audit = r.lhr.audits['installable-manifest'];
        const artifact = (r.artifacts as unknown as { Installability: Installability })
          .Installability;
        const m = artifact.manifest ?? {};
        const icons = Array.isArray(m['icons']) ? (m['icons'] as { sizes?: string }[]) : [];
        if (audit?.score !== 1) failed = true;
        rows.push(
          `| ${site.url} | ${audit?.score === 1 ? 'pass' : 'FAIL'} | ${audit?.displayValue ?? ''} | ${String(m['start_url'])} | ${String(m['scope'])} | ${String(m['display'])} | ${icons.map((i) => i.sizes).join(', ')} |`,
        );
      } finally {
        site.close();
      }
    }
  } finally {
    await chrome.kill();
  }
  console.log(
    '| page | installable (Lighthouse 12 + Chrome) | Chrome says | start_url | scope | display | icons |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (failed) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
