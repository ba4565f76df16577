// The web console lets in only the holder of its one-time link, and serves
// nothing outside the renderer's folder.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebConsole } from './web-console';
import { startWebConsole } from './web-console';
import { resolveStaticPath } from './static-files';

let root: string;
let webConsole: WebConsole;

beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'gatehouse-web-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<title>Gatehouse</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'outside');
  webConsole = await startWebConsole({ rendererDir: root });
});

afterEach(() => webConsole.close());

async function signIn(): Promise<string> {
  const response = await fetch(webConsole.url, { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
  return cookie.split(';')[0] ?? '';
}

describe('web console access', () => {
  it('binds to 127.0.0.1 by default', () => {
    expect(webConsole.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a request without the session', async () => {
    const response = await fetch(`${webConsole.origin}/`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Open the address printed');
  });

  it('trades the one-time token for a session that serves the app', async () => {
    const cookie = await signIn();
    const page = await fetch(`${webConsole.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<title>Gatehouse</title>');
    const script = await fetch(`${webConsole.origin}/assets/app.js`, { headers: { cookie } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('accepts the token once only', async () => {
    await signIn();
    const again = await fetch(webConsole.url, { redirect: 'manual' });
    expect(again.status).toBe(403);
  });

  it('refuses a wrong token', async () => {
    const response = await fetch(`${webConsole.origin}/?token=guess`, { redirect: 'manual' });
    expect(response.status).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = await signIn();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const response = await fetch(`${webConsole.origin}${path}`, { headers: { cookie } });
      expect(await response.text()).not.toBe('outside');
    }
    expect(resolveStaticPath(root, '/%2e%2e/secret.txt')).toBeNull();
    expect(resolveStaticPath(root, '/assets/%00')).toBeNull();
  });
});
