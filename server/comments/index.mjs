// @ts-check
// startComments(): the comment server for `npm start`, the tests and the bench.
// Applies the schema (SQLite file under dataDir, or PostgreSQL from a URL),
// then spawns Waline behind our hardening gate (host.cjs) on 127.0.0.1.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { storeConfig, storeEnv, applySchema } from './db.mjs';

const { parseBlockedWords } = createRequire(import.meta.url)('./moderation.cjs');

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The pages that take comments, read from the built site: every
 * <chancay-comments data-path="/slug/"> in <siteDir>/<slug>/index.html, and
 * data-path="/es/slug/" in <siteDir>/es/<slug>/index.html (each edition's chapter is its own thread).
 * @param {string} siteDir
 * @returns {string[]}
 */
export function chapterPaths(siteDir) {
  return [...chapterSettings(siteDir).keys()];
}

/**
 * Each chapter that takes comments, with the time from which its thread is
 * closed (data-closed-from, from the chapter's front matter comments_closed),
 * or null when it stays open.
 * @param {string} siteDir
 * @returns {Map<string, number | null>}
 */
export function chapterSettings(siteDir) {
  const dir = path.resolve(siteDir);
  /** @type {Map<string, number | null>} */
  const found = new Map();
  const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
  // Chapters at <dir>/<slug>/, and another edition's at <dir>/<locale>/<slug>/ (/es/<slug>/: one thread per chapter per language).
  const pages = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  for (const locale of pages.filter((n) => /^[a-z]{2}$/.test(n))) {
    for (const e of readdirSync(path.join(dir, locale), { withFileTypes: true })) if (e.isDirectory()) pages.push(`${locale}/${e.name}`);
  }
  for (const name of pages) {
    const file = path.join(dir, name, 'index.html');
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/<chancay-comments\b[^>]*>/g)) {
      const p = /\sdata-path="(\/(?:[a-z]{2}\/)?[a-z0-9-]+\/)"/.exec(m[0]);
      if (!p) continue;
      const c = /\sdata-closed-from="([^"]+)"/.exec(m[0]);
      const from = c ? Date.parse(c[1]) : null;
      if (c && !Number.isFinite(from)) throw new Error(`[comments] ${file}: data-closed-from="${c[1]}" is not a date`);
      found.set(p[1], from);
    }
  }
  if (!found.size)
    throw new Error(
      `[comments] No chapter pages found in ${dir} (looked for <chancay-comments data-path="/…/"> in */index.html). ` +
        'Comments are only taken on chapters of the built site: run `npm run build` first, or set COMMENTS_SITE_DIR to the built site.',
    );
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The blocked-words list (content/comments/blocked-words.txt, or COMMENTS_BLOCKED_WORDS_FILE).
 * @param {string} [file]
 */
export function blockedWords(file) {
  const f = path.resolve(file ?? path.join(here, '../../content/comments/blocked-words.txt'));
  if (!existsSync(f)) throw new Error(`[comments] COMMENTS_BLOCKED_WORDS_FILE: ${f} does not exist`);
  return parseBlockedWords(readFileSync(f, 'utf8'));
}

/** The moderator-facing strings (e-mail) from content/ui/en.json: moderate.mail_*. */
function mailStrings() {
  const ui = JSON.parse(readFileSync(path.join(here, '../../content/ui/en.json'), 'utf8'));
  /** @type {Record<string, string>} */
  const out = {};
  for (const k of ['mail_subject', 'mail_body', 'mail_counts', 'mail_paused', 'mail_footer']) {
    if (typeof ui[`moderate.${k}`] !== 'string') throw new Error(`[comments] content/ui/en.json has no "moderate.${k}"`);
    out[k] = ui[`moderate.${k}`];
  }
  return out;
}

/** A positive whole-number setting, or undefined when unset; anything else stops the start with the setting's name. */
function positive(/** @type {string | undefined} */ v, /** @type {string} */ name) {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`[comments] ${name}="${v}" must be a whole number of at least 1`);
  return Number(v);
}

/** The site's name from content/site.json (reserved: no commenter may take it). */
export function siteName() {
  const file = path.resolve(here, '../../content/site.json');
  const name = JSON.parse(readFileSync(file, 'utf8')).name;
  if (typeof name !== 'string' || !name.trim()) throw new Error(`[comments] ${file} has no "name"`);
  return name;
}

/**
 * Every name the server reserves besides the moderators' own: the site's name in
 * each edition (content/site.json, content/site.<lang>.json) and the staff titles
 * in content/comments/reserved-names.txt (or COMMENTS_RESERVED_NAMES_FILE).
 * @param {string} [file]
 */
export function reservedNames(file) {
  const names = [siteName()];
  const dir = path.resolve(here, '../../content');
  for (const f of readdirSync(dir).filter((f) => /^site\.[a-z]{2}\.json$/.test(f))) {
    const n = JSON.parse(readFileSync(path.join(dir, f), 'utf8')).name;
    if (typeof n === 'string' && n.trim()) names.push(n);
  }
  const list = path.resolve(file ?? path.join(dir, 'comments/reserved-names.txt'));
  if (!existsSync(list)) throw new Error(`[comments] COMMENTS_RESERVED_NAMES_FILE: ${list} does not exist`);
  for (const line of readFileSync(list, 'utf8').split(/\r?\n/)) {
    const n = line.replace(/#.*/, '').trim();
    if (n) names.push(n);
  }
  return names;
}

/**
 * The readiness wait in seconds: a number >= 0 (0 = no limit), default 120.
 * @param {number | string | undefined} v
 */
export function readyWaitSeconds(v) {
  if (v === undefined || v === '') return 120;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`[comments] COMMENTS_START_TIMEOUT_SECONDS must be a number of seconds >= 0 (0 = no limit), got "${v}"`);
  return n;
}

/**
 * @param {{ dataDir?: string, port?: number, databaseUrl?: string, rateLimitSeconds?: number,
 *   sessionTtlSeconds?: number, quiet?: boolean, siteDir?: string, init?: boolean,
 *   trustedProxies?: string, poolSize?: number, cacheEntries?: number, readsPerMinute?: number,
 *   fakeClock?: boolean, startTimeoutSeconds?: number | string,
 *   caps?: { total: number, perChapter: number, perReader: number, perNetwork?: number },
 *   blockedWordsFile?: string, reportThreshold?: number, retentionDays?: number, notifyMinutes?: number, notifyTo?: string, siteUrl?: string,
 *   smtp?: { host?: string, port?: number, secure?: boolean, user?: string, pass?: string, from?: string } }} [opts]
 *   siteDir: the built site (default COMMENTS_SITE_DIR, DIST_DIR or dist/), whose chapters take comments;
 *   init: create an empty SQLite store even where one existed (COMMENTS_INIT=1);
 *   retentionDays: rejected and spam comments are removed this long after the decision (COMMENTS_RETENTION_DAYS, default 30);
 *   caps: waiting-comment caps (default COMMENTS_CAP_WAITING_TOTAL / _PER_CHAPTER / _PER_READER / _PER_NETWORK: 2000, 500, 5, a tenth of per-chapter);
 *   fakeClock: the returned advanceClock() moves the process's clock (tests);
 *   startTimeoutSeconds: how long to wait for the process to be ready (COMMENTS_START_TIMEOUT_SECONDS, default 120; 0 = no limit).
 *   exited (returned) resolves with the process's exit code and signal whenever it ends.
 * @returns {Promise<{ url: string, port: number, pid: number, kind: 'sqlite'|'postgresql', chapters: string[],
 *   exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>,
 *   stop(): Promise<void>, kill(): Promise<void>, advanceClock(ms: number): Promise<void> }>}
 */
export async function startComments(opts = {}) {
  const e = process.env;
  const cfg = storeConfig({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl ?? e.COMMENTS_DATABASE_URL });
  const settings = chapterSettings(opts.siteDir ?? e.COMMENTS_SITE_DIR ?? e.DIST_DIR ?? 'dist');
  const chapters = [...settings.keys()];
  const closed = Object.fromEntries([...settings].filter(([, v]) => v !== null));
  const smtp = { ...(opts.smtp ?? {}) };
  const siteUrl = (opts.siteUrl ?? e.SITE_URL ?? 'http://127.0.0.1:4321').replace(/\/+$/, '');
  await applySchema(cfg, { init: opts.init ?? e.COMMENTS_INIT === '1' });
  const port = opts.port ?? Number(e.COMMENTS_PORT ?? 8360);
  const env = {
    PATH: e.PATH ?? '',
    // Node's on-disk cache of compiled modules, when set (the tests set it, vitest.config.ts): a start
    // then loads Waline's ~3,000 modules without compiling them again; host.cjs writes it once ready.
    ...(e.NODE_COMPILE_CACHE ? { NODE_COMPILE_CACHE: e.NODE_COMPILE_CACHE } : {}),
    ...(e.COMMENTS_DEBUG ? { COMMENTS_DEBUG: '1' } : {}),
    NODE_ENV: 'production',
    ...storeEnv(cfg),
    COMMENTS_CHAPTERS: JSON.stringify(chapters),
    // The site's names and the staff titles (content/) are reserved like the moderators' names.
    COMMENTS_RESERVED_NAMES: JSON.stringify(reservedNames(e.COMMENTS_RESERVED_NAMES_FILE)),
    TRUSTED_PROXIES: opts.trustedProxies ?? e.TRUSTED_PROXIES ?? 'loopback',
    COMMENTS_PG_POOL_SIZE: String(opts.poolSize ?? e.COMMENTS_PG_POOL_SIZE ?? 10),
    COMMENTS_LIST_CACHE_ENTRIES: String(opts.cacheEntries ?? e.COMMENTS_LIST_CACHE_ENTRIES ?? 500),
    COMMENTS_READS_PER_MINUTE: String(opts.readsPerMinute ?? e.COMMENTS_READS_PER_MINUTE ?? 120),
    ...(opts.fakeClock ? { COMMENTS_FAKE_CLOCK: '1' } : {}),
    COMMENTS_PORT: String(port),
    COMMENTS_CAP_WAITING_TOTAL: String(opts.caps?.total ?? positive(e.COMMENTS_CAP_WAITING_TOTAL, 'COMMENTS_CAP_WAITING_TOTAL') ?? 2000),
    COMMENTS_CAP_WAITING_PER_CHAPTER: String(opts.caps?.perChapter ?? positive(e.COMMENTS_CAP_WAITING_PER_CHAPTER, 'COMMENTS_CAP_WAITING_PER_CHAPTER') ?? 500),
    COMMENTS_CAP_WAITING_PER_READER: String(opts.caps?.perReader ?? positive(e.COMMENTS_CAP_WAITING_PER_READER, 'COMMENTS_CAP_WAITING_PER_READER') ?? 5),
    // Unset: a tenth of the per-chapter cap (gate.cjs), so one IPv6 /48 cannot fill a chapter.
    ...((opts.caps?.perNetwork ?? positive(e.COMMENTS_CAP_WAITING_PER_NETWORK, 'COMMENTS_CAP_WAITING_PER_NETWORK')) != null
      ? { COMMENTS_CAP_WAITING_PER_NETWORK: String(opts.caps?.perNetwork ?? positive(e.COMMENTS_CAP_WAITING_PER_NETWORK, 'COMMENTS_CAP_WAITING_PER_NETWORK')) }
      : {}),
    COMMENTS_BLOCKED_WORDS: JSON.stringify(blockedWords(opts.blockedWordsFile ?? (e.COMMENTS_BLOCKED_WORDS_FILE || undefined))),
    COMMENTS_CLOSED: JSON.stringify(closed),
    // Rejected and spam comments are removed this many days after the decision (README "Readers' data").
    COMMENTS_RETENTION_DAYS: String(opts.retentionDays ?? positive(e.COMMENTS_RETENTION_DAYS, 'COMMENTS_RETENTION_DAYS') ?? 30),
    COMMENTS_REPORT_HIDE_THRESHOLD: String(opts.reportThreshold ?? positive(e.COMMENTS_REPORT_HIDE_THRESHOLD, 'COMMENTS_REPORT_HIDE_THRESHOLD') ?? 3),
    // Notifications. SMTP settings reach only our notifier, under other names: Waline would use SMTP_* to e-mail readers.
    COMMENTS_NOTIFY_MINUTES: String(opts.notifyMinutes ?? positive(e.COMMENTS_NOTIFY_MINUTES, 'COMMENTS_NOTIFY_MINUTES') ?? 30),
    COMMENTS_NOTIFY_TO: opts.notifyTo ?? e.COMMENTS_NOTIFY_TO ?? '',
    COMMENTS_MODERATE_URL: `${siteUrl}/moderate/`,
    COMMENTS_MAIL_STRINGS: JSON.stringify(mailStrings()),
    COMMENTS_SMTP_HOST: smtp.host ?? e.SMTP_HOST ?? '',
    COMMENTS_SMTP_PORT: String(smtp.port ?? e.SMTP_PORT ?? ''),
    COMMENTS_SMTP_SECURE: String(smtp.secure ?? e.SMTP_SECURE ?? ''),
    COMMENTS_SMTP_USER: smtp.user ?? e.SMTP_USER ?? '',
    COMMENTS_SMTP_PASS: smtp.pass ?? e.SMTP_PASS ?? '',
    COMMENTS_SMTP_FROM: smtp.from ?? e.SMTP_FROM ?? '',
    COMMENTS_RATE_LIMIT_SECONDS: String(opts.rateLimitSeconds ?? e.COMMENTS_RATE_LIMIT_SECONDS ?? 30),
    COMMENTS_SESSION_TTL_SECONDS: String(opts.sessionTtlSeconds ?? e.COMMENTS_SESSION_TTL_SECONDS ?? 8 * 3600),
    // Waline's own per-IP check is off: the gate's limit is decided before it,
    // without Waline's race between its check and its insert. Waline looks for
    // this address's comments newer than now - IPQPS seconds; 0 still matches
    // same-second timestamps, -1 looks one second ahead, i.e. never.
    IPQPS: '-1',
    // Offline: no OAuth service list from oauth.lithub.cc, no Akismet.
    OAUTH_URL: 'data:application/json,{"services":[]}',
    AKISMET_KEY: 'false',
    // Pre-moderation: new comments wait for approval.
    COMMENT_AUDIT: 'true',
    // Nothing about the reader's browser or location in public responses.
    DISABLE_USERAGENT: 'true',
    DISABLE_REGION: 'true',
    // No server-side MathJax SVGs or code highlighting in comments.
    MARKDOWN_TEX: 'false',
    MARKDOWN_HIGHLIGHT: 'false',
    // Waline's JWTs never expire; their key is new on every start and the
    // tokens never leave the process (clients hold sessions kept in the store).
    JWT_TOKEN: crypto.randomBytes(32).toString('hex'),
  };
  const child = spawn(process.execPath, [path.join(here, 'host.cjs')], {
    cwd: path.resolve(here, '../..'),
    env,
    // stdout only carries Waline's chatter ("Notification mail send success").
    stdio: ['ignore', e.COMMENTS_DEBUG ? 'inherit' : 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20000) stderr = stderr.slice(-10000);
    if (!opts.quiet) process.stderr.write(d);
  });
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  // Readiness: the child says { ready, port } once Waline is loaded and listening.
  // Loading Waline takes ~1 s on a quiet machine and 20+ s on a shared, loaded
  // one, so the wait is long by default and set by COMMENTS_START_TIMEOUT_SECONDS
  // (0 = wait as long as the process lives). A process that exits first fails
  // at once, with its output; one that is still loading when the wait ends is
  // stopped, so no half-started server is left behind.
  const waitSeconds = readyWaitSeconds(opts.startTimeoutSeconds ?? e.COMMENTS_START_TIMEOUT_SECONDS);
  /** @type {number} */
  const actualPort = await new Promise((resolve, reject) => {
    const timer =
      waitSeconds > 0
        ? setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`[comments] server was not ready after ${waitSeconds} s (COMMENTS_START_TIMEOUT_SECONDS; 0 waits without limit)\n${stderr}`));
          }, waitSeconds * 1000)
        : null;
    child.once('message', (/** @type {any} */ m) => {
      if (timer) clearTimeout(timer);
      if (m && m.ready) resolve(m.port);
      else reject(new Error(`[comments] server failed to start: ${m?.error ?? ''}\n${stderr}`));
    });
    void exited.then(({ code, signal }) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`[comments] server exited (code ${code}, signal ${signal}) before it was ready\n${stderr}`));
    });
  });
  const end = async (/** @type {NodeJS.Signals} */ signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    pid: child.pid ?? 0,
    exited,
    kind: cfg.kind,
    chapters,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    advanceClock(ms) {
      if (!opts.fakeClock) throw new Error('[comments] advanceClock needs startComments({ fakeClock: true })');
      return new Promise((resolve) => {
        const onMessage = (/** @type {any} */ m) => {
          if (m && typeof m.clockAdvanced === 'number') {
            child.off('message', onMessage);
            resolve(undefined);
          }
        };
        child.on('message', onMessage);
        child.send({ advanceClockMs: ms });
      });
    },
  };
}
