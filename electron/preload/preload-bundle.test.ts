// A sandboxed preload can require nothing but 'electron' and must be CommonJS;
// a bundle that breaks this leaves the window without its API. Checks the
// output of `npm run build`, which `npm test` runs first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const out = join(import.meta.dirname, '..', '..', 'out');

describe('build output', () => {
  it('has the main, preload and renderer bundles', () => {
    for (const file of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, file)), `${file} is missing: run npm run build`).toBe(true);
    }
  });

  it('keeps the preload CommonJS and self-contained for the sandbox', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld("gatehouse"');
  });

  it('ships a Content-Security-Policy with the renderer', () => {
    const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).toMatch(/script-src 'self';/);
  });
});
