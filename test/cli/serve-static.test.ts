import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, createStaticServer } from '@/cli/serve-static.mjs';

let root = '';
let base = '';
let server: ReturnType<typeof createStaticServer>;

async function get(pathname: string, init?: RequestInit): Promise<Response> {
  return fetch(base + pathname, { redirect: 'manual', ...init });
}

beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'serve-static-'));
  root = path.join(parent, 'out');
  await mkdir(path.join(root, 'learn', 'intro'), { recursive: true });
  await writeFile(path.join(parent, 'secret.txt'), 'outside');
  await writeFile(path.join(root, 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(root, '404.html'), '<h1>not here</h1>');
  await writeFile(path.join(root, 'learn', 'intro', 'index.html'), '<h1>intro</h1>');
  await writeFile(path.join(root, 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'style.css'), 'body{}');
  await writeFile(path.join(root, 'a b.txt'), 'spaced');
  server = createStaticServer(root);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('serve-static', () => {
  it('serves index.html for the root and for trailing-slash directories', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toBe('<h1>home</h1>');

    const intro = await get('/learn/intro/');
    expect(intro.status).toBe(200);
    expect(await intro.text()).toBe('<h1>intro</h1>');
  });

  it('redirects a directory without its trailing slash, keeping the query', async () => {
    const res = await get('/learn/intro?x=1');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/learn/intro/?x=1');
  });

  it('sends content types by extension', async () => {
    expect((await get('/app.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(contentType('x.woff2')).toBe('font/woff2');
    expect(contentType('x.unknown')).toBe('application/octet-stream');
  });

  it('decodes percent-encoded paths', async () => {
    const res = await get('/a%20b.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('spaced');
  });

  it('answers unknown paths with 404.html and status 404', async () => {
    const res = await get('/nowhere/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>not here</h1>');
  });

  it('never serves files outside its root', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/learn/..%2f..%2fsecret.txt']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain('outside');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('<h1>home</h1>'.length));
    expect(await head.text()).toBe('');

    const post = await get('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('serve-static --base', () => {
  let baseServer: ReturnType<typeof createStaticServer>;
  let origin = '';
  const at = (pathname: string, init?: RequestInit) =>
    fetch(origin + pathname, { redirect: 'manual', ...init });

  beforeAll(async () => {
    baseServer = createStaticServer(root, { base: '/sip-course/' });
    await new Promise<void>((resolve) => baseServer.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(baseServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      baseServer.close(() => resolve());
      baseServer.closeAllConnections();
    });
  });

  it('serves the site under the base path', async () => {
    expect(await (await at('/sip-course/')).text()).toBe('<h1>home</h1>');
    expect(await (await at('/sip-course/learn/intro/')).text()).toBe('<h1>intro</h1>');
    expect(await (await at('/sip-course/a%20b.txt')).text()).toBe('spaced');
  });

  it('redirects the base path and directories to their trailing slash, under the base', async () => {
    const bare = await at('/sip-course?x=1');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/sip-course/?x=1');
    const dir = await at('/sip-course/learn/intro');
    expect(dir.status).toBe(308);
    expect(dir.headers.get('location')).toBe('/sip-course/learn/intro/');
  });

  it('answers 404 outside the base path, and 404.html for unknown paths inside it', async () => {
    for (const p of ['/', '/learn/intro/', '/sip-coursex/', '/index.html']) {
      const res = await at(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).toContain('under /sip-course/ only');
    }
    const inside = await at('/sip-course/nowhere/');
    expect(inside.status).toBe(404);
    expect(await inside.text()).toBe('<h1>not here</h1>');
  });

  it('never serves files outside its root through the base path', async () => {
    for (const p of [
      '/sip-course/%2e%2e/secret.txt',
      '/sip-course/learn/..%2f..%2f..%2fsecret.txt',
    ]) {
      const res = await at(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain('outside');
    }
  });
});
