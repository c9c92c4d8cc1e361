/** A newsroom cannot ship a build whose links say http://127.0.0.1:4321 by accident. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';
// @ts-ignore: plain ESM
import { siteAddress } from '../../scripts/site-url.mjs';

describe('SITE_URL for a production build', () => {
  it.each([
    [undefined, /SITE_URL is not set/],
    ['', /SITE_URL is not set/],
    ['http://127.0.0.1:4321', /loopback/],
    ['http://localhost:8080/', /loopback/],
    ['https://news.localhost', /loopback/],
    ['http://[::1]:4321', /loopback/],
    ['http://0.0.0.0', /loopback/],
    ['chancay.example.org', /not a URL/],
    ['ftp://chancay.example.org', /http\(s\)/],
    ['https://example.org/chancay/', /no path/],
  ])('refuses %j', (value, message) => {
    expect(() => siteAddress({ SITE_URL: value }, true)).toThrow(message);
    expect(() => siteAddress({ SITE_URL: value }, true)).toThrow(/SITE_URL/);
  });

  it('accepts a public origin, and local mode or a non-build command keeps the loopback default', () => {
    expect(siteAddress({ SITE_URL: 'https://chancay.example.org/' }, true)).toEqual({ site: 'https://chancay.example.org', mode: 'production' });
    expect(siteAddress({ BUILD_MODE: 'local' }, true)).toEqual({ site: 'http://127.0.0.1:4321', mode: 'local' });
    expect(siteAddress({}, false)).toEqual({ site: 'http://127.0.0.1:4321', mode: 'local' });
    expect(() => siteAddress({ BUILD_MODE: 'staging', SITE_URL: 'https://x.example' }, true)).toThrow(/BUILD_MODE/);
  });

  it('the real `astro build` stops before building, naming the variable', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'deploy-siteurl-'));
    try {
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', OUT_DIR: path.join(out, 'dist'), SITE_URL: 'http://localhost:4321' };
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
      expect(r.status).not.toBe(0);
      expect(`${r.stdout}${r.stderr}`).toMatch(/SITE_URL is a loopback address/);
      expect(`${r.stdout}${r.stderr}`).toMatch(/npm run build:local/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
