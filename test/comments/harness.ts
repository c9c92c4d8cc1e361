/** Starts a real Waline (our launcher) on a temp store and a serve() proxy in front of it. */
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startComments } from '../../server/comments/index.mjs';
import { storeConfig, upsertModerator, withStore } from '../../server/comments/db.mjs';
import { serve } from '../../scripts/serve.mjs';

export const MODERATOR = { email: 'moderator@example.org', name: 'Moderator', password: 'correct horse battery staple' };

export interface Comments {
  url: string;
  port: number;
  pid: number;
  kind: 'sqlite' | 'postgresql';
  chapters: string[];
  stop(): Promise<void>;
  kill(): Promise<void>;
  advanceClock(ms: number): Promise<void>;
}

/**
 * A stand-in for the built site: one folder per page with the widget's tag,
 * which is what the comment server reads to learn the pages that take comments.
 */
export function writeSite(root: string, pages: string[], closed: Record<string, string> = {}) {
  for (const p of pages) {
    mkdirSync(path.join(root, p), { recursive: true });
    const c = closed[p] ? ` data-closed-from="${closed[p]}"` : '';
    writeFileSync(path.join(root, p, 'index.html'), `<!doctype html><title>${p}</title><chancay-comments data-path="${p}"${c}></chancay-comments>\n`);
  }
}

export interface Harness {
  /** The site (static files + /api/ proxy): what a reader's browser talks to. */
  site: string;
  /** The comment server itself (loopback only; what the proxy talks to). */
  comments: Comments;
  dataDir: string;
  databaseUrl?: string;
  restart(opts?: { rateLimitSeconds?: number }): Promise<void>;
  /** Move the comment server's clock forward (fakeClock harnesses). */
  advance(ms: number): Promise<void>;
  kill(): Promise<void>;
  /** Rows of the comment table (straight from the store). */
  rows(where?: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  userCount(): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  databaseUrl?: string;
  rateLimitSeconds?: number;
  sessionTtlSeconds?: number;
  /** Static root for the proxy's non-API requests (the built site for browser tests); its chapters take comments. */
  root?: string;
  /** Without a root: the pages of the stand-in site (each takes comments). */
  pages?: string[];
  cacheEntries?: number;
  readsPerMinute?: number;
  fakeClock?: boolean;
  /** Caps on waiting comments (defaults: the server's). */
  caps?: { total: number; perChapter: number; perReader: number; perNetwork?: number };
  /** Stand-in chapters whose threads are closed, from an ISO time (data-closed-from). */
  closed?: Record<string, string>;
  reportThreshold?: number;
  /** Days after which rejected and spam comments are removed (COMMENTS_RETENTION_DAYS). */
  retentionDays?: number;
  blockedWordsFile?: string;
  notifyMinutes?: number;
  notifyTo?: string;
  siteUrl?: string;
  smtp?: { host?: string; port?: number; secure?: boolean; user?: string; pass?: string; from?: string };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'comments-test-'));
  const dataDir = path.join(tmp, 'data');
  const root = opts.root ?? path.join(tmp, 'site');
  mkdirSync(root, { recursive: true });
  if (!opts.root) writeSite(root, opts.pages ?? ['/a-chapter/'], opts.closed);
  const cfg = storeConfig({ dataDir, databaseUrl: opts.databaseUrl ?? '' });
  await upsertModerator(cfg, MODERATOR);
  const base = {
    dataDir,
    siteDir: root,
    databaseUrl: opts.databaseUrl ?? '',
    sessionTtlSeconds: opts.sessionTtlSeconds ?? 3600,
    cacheEntries: opts.cacheEntries,
    readsPerMinute: opts.readsPerMinute,
    fakeClock: opts.fakeClock,
    caps: opts.caps,
    reportThreshold: opts.reportThreshold,
    retentionDays: opts.retentionDays,
    blockedWordsFile: opts.blockedWordsFile,
    notifyMinutes: opts.notifyMinutes,
    notifyTo: opts.notifyTo,
    siteUrl: opts.siteUrl,
    smtp: opts.smtp ?? { host: '' },
    quiet: true,
  };
  let comments: Comments = await startComments({ ...base, port: 0, rateLimitSeconds: opts.rateLimitSeconds ?? 30 });
  const port = comments.port;
  let clockOffset = 0;
  const site = await serve({ root, port: 0, commentsUpstream: comments.url, quiet: true });
  const table = cfg.kind === 'sqlite' ? '"wl_Comment"' : 'wl_comment';
  const h: Harness = {
    site: site.url,
    get comments() {
      return comments;
    },
    dataDir,
    databaseUrl: opts.databaseUrl,
    async restart(o = {}) {
      await comments.stop();
      comments = await startComments({ ...base, port, rateLimitSeconds: o.rateLimitSeconds ?? opts.rateLimitSeconds ?? 30 });
      // The new process's clock starts where the old one's was.
      if (clockOffset) await comments.advanceClock(clockOffset);
    },
    async kill() {
      await comments.kill();
    },
    advance(ms) {
      clockOffset += ms;
      return comments.advanceClock(ms);
    },
    rows(where = '1=1', params = []) {
      return withStore(cfg, (db: { all(sql: string, p: unknown[]): Promise<Array<Record<string, unknown>>> }) =>
        db.all(`SELECT * FROM ${table} WHERE ${where}`, params),
      );
    },
    async userCount() {
      const t = cfg.kind === 'sqlite' ? '"wl_Users"' : 'wl_users';
      const r = await withStore(cfg, (db: { all(sql: string): Promise<Array<{ n: number | string }>> }) => db.all(`SELECT COUNT(*) AS n FROM ${t}`));
      return Number(r[0].n);
    },
    async close() {
      await site.close();
      await comments.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  return h;
}

export interface ApiResult {
  status: number;
  json: any;
  headers: Headers;
}

/** One HTTP request with a JSON body/answer. */
export async function api(base: string, p: string, init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string>; token?: string } = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.body !== undefined || init.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(base + p, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

let ipCounter = 0;
/** A new reader address: what our proxy writes in X-Forwarded-For for a different reader. */
export function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** Post a comment as a given reader straight to the comment server (as the proxy would). */
export function postAs(h: Harness, ip: string, body: Record<string, unknown>) {
  return api(h.comments.url, '/api/comment', { body, headers: { 'x-forwarded-for': ip } });
}

export async function login(base: string): Promise<string> {
  const r = await api(base, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password } });
  if (r.status !== 200 || !r.json?.data?.token) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.data.token as string;
}

/** Approve comments as the moderator, through the site's proxy. */
export async function approve(h: Harness, ids: Array<string | number>) {
  let token = await login(h.site);
  for (const id of ids) {
    let r = await api(h.site, `/api/comment/${id}`, { method: 'PUT', body: { status: 'approved' }, token });
    if (r.status === 401) {
      // The API suite runs with short sessions (to test expiry): sign in again.
      token = await login(h.site);
      r = await api(h.site, `/api/comment/${id}`, { method: 'PUT', body: { status: 'approved' }, token });
    }
    if (r.status !== 200 || r.json.errno !== 0) throw new Error(`approve ${id} failed: ${r.status} ${JSON.stringify(r.json)}`);
  }
}

/** Every approved comment on a page, as the widget reads them (pages of 10). */
export async function list(base: string, pathName: string, q = '') {
  const pages = [];
  for (let page = 1; ; page++) {
    const r = await api(base, `/api/comment?path=${encodeURIComponent(pathName)}&page=${page}&pageSize=10${q}`);
    if (r.status !== 200) throw new Error(`list ${pathName} page ${page}: ${r.status} ${JSON.stringify(r.json)}`);
    pages.push(r.json.data as { count: number; totalPages: number; data: any[] });
    if (page >= r.json.data.totalPages) break;
  }
  return { count: pages[0].count, totalPages: pages[0].totalPages, data: pages.flatMap((p) => p.data) };
}
