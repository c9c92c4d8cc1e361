// @ts-check
// The hardening gate: the first Koa middleware in front of Waline, in the same
// process. Waline's HTTP API is wider and more trusting than a news site needs,
// so everything not on this allowlist is refused before Waline sees it:
//   - open registration, OAuth, e-mail verification, user lists, data export,
//     page counters, the CDN-loaded admin UI (/ui): 404 / 403;
//   - anonymous likes (PUT /api/comment/:id without a session): 401;
//   - sign-in is ours (Waline's tokens never expire): scrypt off the main
//     thread, attempts counted before the password is checked (per address
//     and per account, in the store), a growing delay, the same work for an
//     unknown e-mail; clients get an opaque session id kept in the store;
//   - the reader's address comes from TRUSTED_PROXIES (proxy-addr), never
//     from a header anyone else sent; IPv6 readers are grouped by /64;
//   - one comment per reader per window, claimed atomically in the store;
//   - input checked (lengths, control characters, e-mail, link dropped, a
//     real chapter path, the parent); a retried post with the same
//     idempotency key is answered with the stored comment;
//   - public lists and counts: known parameters only, cached per process,
//     invalidated through a generation counter in the store, LRU-evicted;
//     uncached reads limited per address;
//   - writes refused (503) when the store's file was deleted or replaced;
//   - responses lose avatar URLs, e-mail, IP, user agent and region unless a
//     moderator asks; no 5xx answer carries an internal message.
// Nothing that matters lives in this process's memory (state.cjs).
'use strict';
const { localize, pickLang, translate } = require('./messages.cjs');
const net = require('node:net');
const { createHash } = require('node:crypto');
const { createRequire } = require('node:module');
const proxyaddr = require('proxy-addr');
const { verifyPassword, hashPassword } = require('./password.cjs');
const { cleanName, isReserved } = require('./names.cjs');
const { createModeration, isCommentId } = require('./moderation.cjs');

const walineRequire = createRequire(require.resolve('@waline/vercel/package.json'));
const jwt = walineRequire('jsonwebtoken');

const LIMITS = {
  nick: 50,
  mail: 254,
  link: 200,
  comment: 2000,
  url: 120,
};
/** Page sizes the widget asks for (src/components/comments/widget.ts PAGE_SIZE). */
const PAGE_SIZES = [10];
const SORTS = ['insertedAt_desc', 'insertedAt_asc'];
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
// C0 and C1 controls and DEL; a comment may keep tab and line breaks.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const IDEM_KEY = /^[A-Za-z0-9_-]{16,64}$/;
// orig: the raw text, which Waline returns to anyone (its "logged-in" check sees an empty object).
const PRIVATE_FIELDS = ['mail', 'ip', 'ua', 'addr', 'browser', 'os', 'user_id', 'orig'];

/** Caps on waiting comments (COMMENTS_CAP_WAITING_TOTAL, _PER_CHAPTER, _PER_READER). */
// perNetwork (waiting comments from one IPv6 /48, moderation.cjs networkOf) is derived in createGate when not given.
/** @type {{ total: number, perChapter: number, perReader: number, perNetwork?: number }} */
const CAPS = { total: 2000, perChapter: 500, perReader: 5 };

/** How often the retention purge runs (on requests and on the host's timer; one process per period). */
const PURGE_EVERY_MS = 10 * 60_000;

/** Sign-in policy (README "Comments"): see signIn(). */
const SIGNIN = {
  windowMs: 15 * 60_000,
  perAddress: 10,
  perAccount: 20,
  knownMs: 30 * 24 * 3600_000,
  delayAfter: 3,
  firstDelayMs: 500,
  maxDelayMs: 8000,
  concurrent: 2,
};

const chars = (/** @type {string} */ s) => [...s].length;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

class GateError extends Error {
  /** @param {number} status @param {string} message @param {Record<string, unknown>} [extra] */
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    this.extra = extra;
  }
}

/** The eight groups of an IPv6 address, expanded. */
function expandV6(/** @type {string} */ ip) {
  const bare = ip.split('%')[0].toLowerCase();
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0'));
}

/** What limits count: an IPv4 address, or an IPv6 reader's /64 (one household or phone). */
function readerKey(/** @type {string} */ ip) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (net.isIPv6(ip)) return `${expandV6(ip).slice(0, 4).join(':')}::/64`;
  return ip;
}

/** TRUSTED_PROXIES ("loopback", "10.0.0.0/8, 192.168.1.2", …) as a proxy-addr trust function. */
function compileTrust(/** @type {string} */ spec) {
  const list = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    return proxyaddr.compile(list);
  } catch (e) {
    throw new Error(`[comments] TRUSTED_PROXIES="${spec}" is not a list of addresses, subnets or loopback/linklocal/uniquelocal: ${e instanceof Error ? e.message : e}`);
  }
}

/** @param {any} ctx @param {number} maxBytes */
async function readJson(ctx, maxBytes) {
  const declared = Number(ctx.req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new GateError(413, 'That is too much text to send at once.');
  const type = String(ctx.req.headers['content-type'] ?? '');
  const chunks = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += chunk.length;
    if (size > maxBytes) throw new GateError(413, 'That is too much text to send at once.');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  if (!/^application\/json\b/i.test(type)) throw new GateError(415, 'Send JSON, please.');
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    return body;
  } catch {
    throw new GateError(400, 'The request could not be read.');
  }
}

// Combining marks on one letter: written languages use a few (Vietnamese two, Devanagari and Thai
// three or four); "Zalgo" text stacks hundreds, drawn far above and below its line over the article.
const MAX_MARKS = 8;
const STACKED = new RegExp(`\\p{M}{${MAX_MARKS + 1},}`, 'u');

/** @param {unknown} v @returns {string | null} */
function str(v) {
  return typeof v === 'string' ? v : v == null ? '' : null;
}

/**
 * Validate a new comment; returns only the fields Waline should see.
 * @param {Record<string, unknown>} body
 * @param {{ has(p: string): boolean }} [chapters] the pages that take comments
 * @param {Iterable<string>} [reserved] names no commenter may take (the moderators', the site's): names.cjs
 */
function cleanComment(body, chapters, reserved = []) {
  const nick = str(body.nick);
  const mail = str(body.mail);
  const link = str(body.link);
  const comment = str(body.comment);
  const url = str(body.url);
  if (nick === null || mail === null || link === null || comment === null || url === null) throw new GateError(400, 'The comment could not be read.');
  /** @type {Record<string, string>} */
  const out = { nick: CONTROL.test(nick) ? nick : cleanName(nick), mail: mail.trim(), link: '', comment: comment.trim(), url };
  if (out.url.length > LIMITS.url || CONTROL.test(out.url) || (chapters && !chapters.has(out.url)) || !/^\/(?:[a-z]{2}\/)?[a-z0-9-]+\/$/.test(out.url))
    throw new GateError(400, 'This page does not take comments.', { field: 'url' });
  /** @type {Record<string, string>} */
  const fields = {};
  if (CONTROL.test(out.nick)) fields.nick = 'Names cannot contain control characters.';
  else if (!out.nick) fields.nick = 'Please give a name.';
  else if (chars(out.nick) > LIMITS.nick) fields.nick = `Names can be up to ${LIMITS.nick} characters.`;
  else if (STACKED.test(out.nick)) fields.nick = `Names cannot stack more than ${MAX_MARKS} accents or marks on one letter.`;
  else if (isReserved(nick, reserved)) fields.nick = 'That name belongs to the site or its moderators: please choose another.';
  if (out.mail && (CONTROL.test(out.mail) || chars(out.mail) > LIMITS.mail || !EMAIL.test(out.mail))) fields.mail = 'That e-mail address does not look right (or leave it empty).';
  // A link beside the name: checked (a client that sends a bad one is told), then dropped. The site's form
  // has no such field, and a link the moderator never sees (the queue shows the text, where links are
  // counted as a spam signal) would be published beside the name. Waline always gets an empty one.
  const linkIn = link.trim();
  if (linkIn) {
    let ok = false;
    try {
      const u = new URL(linkIn);
      ok = !CONTROL.test(linkIn) && (u.protocol === 'https:' || u.protocol === 'http:') && chars(linkIn) <= LIMITS.link;
    } catch {}
    if (!ok) fields.link = 'Links must be web addresses starting with http:// or https://.';
  }
  if (CONTROL_IN_TEXT.test(out.comment)) fields.comment = 'Comments cannot contain control characters.';
  else if (STACKED.test(out.comment)) fields.comment = `Comments cannot stack more than ${MAX_MARKS} accents or marks on one letter.`;
  else if (!out.comment) fields.comment = 'Please write a comment.';
  else if (chars(out.comment) > LIMITS.comment) fields.comment = `Comments can be up to ${LIMITS.comment} characters.`;
  const keys = Object.keys(fields);
  if (keys.length) throw new GateError(400, fields[keys[0]], { fields });
  for (const k of ['pid', 'rid']) {
    const v = body[k];
    if (v == null || v === '') continue;
    if (!isCommentId(v)) throw new GateError(400, 'The comment you reply to does not exist.');
    out[k] = String(v);
  }
  if (out.rid && !out.pid) out.pid = out.rid;
  if (typeof body.at === 'string' && body.at && !CONTROL.test(body.at)) out.at = cleanName(body.at).slice(0, LIMITS.nick);
  out.ua = '';
  return out;
}

/**
 * A public list or count request, reduced to its known parameters in a fixed
 * order (the cache key). Anything else is refused: an unknown parameter, a
 * page size the widget does not use, a page that takes no comments.
 * @param {Record<string, unknown>} query
 * @param {{ has(p: string): boolean }} chapters
 */
function publicQuery(query, chapters) {
  const type = query.type ?? '';
  const allowed = type === 'count' ? ['type', 'url'] : type === '' ? ['path', 'page', 'pageSize', 'sortBy'] : null;
  if (!allowed) throw new GateError(400, 'Unknown list type.');
  for (const [k, v] of Object.entries(query)) {
    if (!allowed.includes(k)) throw new GateError(400, `Unknown parameter: ${k.slice(0, 40).replace(CONTROL, '?')}.`);
    if (typeof v !== 'string') throw new GateError(400, `Give ${k} once.`);
  }
  if (type === 'count') {
    const urls = String(query.url ?? '').split(',');
    if (urls.length > 200 || !urls.every((u) => chapters.has(u))) throw new GateError(400, 'Counts are only kept for the chapters.');
    return { key: `count ${urls.join(',')}`, query: { type: 'count', url: urls.join(',') } };
  }
  const p = String(query.path ?? '');
  if (!chapters.has(p)) throw new GateError(400, 'This page has no comments.');
  const page = query.page === undefined ? 1 : /^\d{1,4}$/.test(String(query.page)) ? Number(query.page) : 0;
  if (page < 1) throw new GateError(400, 'Which page of comments?');
  const pageSize = query.pageSize === undefined ? PAGE_SIZES[0] : Number(query.pageSize);
  if (!PAGE_SIZES.includes(pageSize)) throw new GateError(400, `Pages hold ${PAGE_SIZES.join(' or ')} comments.`);
  const sortBy = String(query.sortBy ?? SORTS[0]);
  if (!SORTS.includes(sortBy)) throw new GateError(400, 'Unknown order.');
  return { key: `list ${p} ${page} ${pageSize} ${sortBy}`, query: { path: p, page: String(page), pageSize: String(pageSize), sortBy } };
}

/**
 * The moderator's list from Waline (`type=list`), reduced to the parameters Waline reads, each
 * checked: Waline answers a page it cannot parse with an error of its own, which would reach
 * the moderator as "the comment server had a problem" (a 500) instead of what was wrong.
 * @param {Record<string, unknown>} query
 */
function moderatorListQuery(query) {
  const allowed = ['type', 'page', 'pageSize', 'status', 'owner', 'keyword'];
  for (const [k, v] of Object.entries(query)) {
    if (!allowed.includes(k)) throw new GateError(400, `Unknown parameter: ${k.slice(0, 40).replace(CONTROL, '?')}.`);
    if (typeof v !== 'string') throw new GateError(400, `Give ${k} once.`);
  }
  /** @type {Record<string, string>} */
  const out = { type: 'list' };
  if (query.page !== undefined) {
    if (!/^\d{1,5}$/.test(String(query.page)) || Number(query.page) < 1) throw new GateError(400, 'Which page of comments?');
    out.page = String(Number(query.page));
  }
  if (query.pageSize !== undefined) {
    const n = /^\d{1,3}$/.test(String(query.pageSize)) ? Number(query.pageSize) : 0;
    if (n < 1 || n > 100) throw new GateError(400, 'Pages hold 1 to 100 comments.');
    out.pageSize = String(n);
  }
  if (query.status !== undefined) {
    if (!['waiting', 'approved', 'spam'].includes(String(query.status))) throw new GateError(400, 'Unknown status.');
    out.status = String(query.status);
  }
  if (query.owner !== undefined) {
    if (!['mine', 'all'].includes(String(query.owner))) throw new GateError(400, 'Unknown owner.');
    out.owner = String(query.owner);
  }
  if (query.keyword !== undefined) {
    const k = String(query.keyword);
    if (k.length > 200 || CONTROL.test(k)) throw new GateError(400, 'Search for up to 200 characters.');
    out.keyword = k;
  }
  return out;
}

/** @param {unknown} value @param {boolean} isAdmin @returns {unknown} */
function scrub(value, isAdmin) {
  if (Array.isArray(value)) return value.map((v) => scrub(v, isAdmin));
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'avatar') continue;
      if (!isAdmin && PRIVATE_FIELDS.includes(k)) continue;
      out[k] = scrub(v, isAdmin);
    }
    return out;
  }
  return value;
}

/** A least-recently-used map: a hit moves an entry to the end; the oldest goes first. */
class Lru {
  /** @param {number} max */
  constructor(max) {
    this.max = max;
    /** @type {Map<string, { body: unknown, gen: number }>} */
    this.map = new Map();
  }
  /** @param {string} key */
  get(key) {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  /** @param {string} key @param {{ body: unknown, gen: number }} v */
  set(key, v) {
    if (this.max <= 0) return;
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.max) this.map.delete(/** @type {string} */ (this.map.keys().next().value));
  }
}

/**
 * @param {{
 *   state: import('./state.cjs').State,
 *   chapters: { has(p: string): boolean },
 *   rateLimitSeconds: number,
 *   sessionTtlSeconds: number,
 *   jwtKey: string,
 *   trustedProxies?: string,
 *   cacheEntries?: number,
 *   readsPerMinute?: number,
 *   maxBodyBytes?: number,
 *   storeOk?: () => boolean,
 *   log?: (msg: string) => void,
 *   reservedNames?: string[],
 *   caps?: { total: number, perChapter: number, perReader: number, perNetwork?: number },
 *   onCapReached?: (info: { cap: string, total: number, chapter: number, url: string }) => void,
 *   onWaiting?: () => void | Promise<void>,
 *   blockedWords?: string[],
 *   reportThreshold?: number,
 *   closed?: Record<string, number>,
 *   retentionDays?: number,
 *   findComment?: (id: string) => Promise<{ objectId: string|number, url: string, status: string, rid?: string|number|null } | null>,
 * }} opts
 */
function createGate(opts) {
  const { state, chapters } = opts;
  const windowMs = Math.max(0, opts.rateLimitSeconds) * 1000;
  const ttlMs = opts.sessionTtlSeconds * 1000;
  const maxBody = opts.maxBodyBytes ?? 16 * 1024;
  const trust = compileTrust(opts.trustedProxies ?? 'loopback');
  const cache = new Lru(opts.cacheEntries ?? 500);
  const readsPerMinute = opts.readsPerMinute ?? 120;
  const storeOk = opts.storeOk ?? (() => true);
  // perNetwork, when not given: a tenth of a chapter's cap (at least one reader's), so no one network fills a chapter.
  const capsIn = opts.caps ?? CAPS;
  const caps = { ...capsIn, perNetwork: capsIn.perNetwork ?? Math.max(capsIn.perReader, Math.floor(capsIn.perChapter / 10)) };
  const log = opts.log ?? ((m) => console.error(m));
  const mod = createModeration({ db: state.db, kind: state.kind, now: state.now, readerKey, blockedWords: opts.blockedWords, reportThreshold: opts.reportThreshold });
  // Chapters whose comments are closed (front matter comments_closed, read from the build): path -> from when (ms).
  const closed = opts.closed ?? {};
  const isClosed = (/** @type {string} */ url) => Object.hasOwn(closed, url) && state.now() >= closed[url];
  // The same scrypt work for an e-mail that has no account.
  const dummyHash = hashPassword(require('node:crypto').randomBytes(16).toString('hex'));
  let checking = 0;
  /** @type {Array<() => void>} */
  const waiting = [];
  const tokens = new Map(); // user id -> Waline token (signed with this process's key; never leaves it)

  const retentionMs = Math.max(0, opts.retentionDays ?? 30) * 86_400_000;
  let lastSweep = 0;
  /** Expired rows, and (once per PURGE_EVERY_MS across every process: a claim in the store) the retention purge. */
  function sweep() {
    const t = state.now();
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    state.sweep().catch((e) => log(`[comments] sweep failed: ${e}`));
    purge().catch((e) => log(`[comments] retention purge failed: ${e}`));
  }
  async function purge() {
    if (!retentionMs) return;
    if (await state.claim('purge', state.now() + PURGE_EVERY_MS)) return;
    const n = await mod.purge(retentionMs);
    if (n) {
      log(`[comments] retention: removed ${n} comments rejected or marked as spam more than ${retentionMs / 86_400_000} days ago`);
      await state.bump();
    }
  }

  /** @param {any} ctx */
  async function session(ctx) {
    const auth = String(ctx.req.headers.authorization ?? '');
    delete ctx.req.headers.authorization;
    const sid = auth.replace(/^Bearer\s+/i, '');
    if (!sid || sid.length > 100) return null;
    const s = await state.session(sid);
    if (!s) return null;
    let token = tokens.get(s.userId);
    if (!token) {
      token = jwt.sign(s.userId, opts.jwtKey);
      tokens.set(s.userId, token);
    }
    ctx.req.headers.authorization = `Bearer ${token}`;
    return { sid, ...s };
  }

  /** Run `fn` with at most SIGNIN.concurrent password checks at a time in this process. */
  async function limited(/** @type {() => Promise<boolean>} */ fn) {
    if (checking >= SIGNIN.concurrent) await new Promise((r) => waiting.push(() => r(undefined)));
    checking++;
    try {
      return await fn();
    } finally {
      checking--;
      waiting.shift()?.();
    }
  }

  /**
   * Sign-in. Every attempt is counted in the store before any password is
   * checked: 10 per address per 15 minutes; 20 per account per 15 minutes
   * from addresses that have not signed in to it before (an address that has,
   * within 30 days, is never held by the account limit, so the moderator's
   * correct password keeps working while strangers hammer the account).
   * After 3 failures on an account, each attempt waits 0.5, 1, 2 … 8 s first,
   * right password or not. An unknown e-mail costs the same scrypt work.
   * @param {any} ctx @param {string} reader
   */
  async function signIn(ctx, reader) {
    const body = await readJson(ctx, 4096);
    if (typeof body.email !== 'string' || typeof body.password !== 'string' || body.email.length > 254 || body.password.length > 1024)
      throw new GateError(400, 'E-mail and password, please.');
    const email = body.email.trim().toLowerCase();
    const tooMany = (/** @type {number} */ until) => {
      const wait = Math.max(1, Math.ceil((until - state.now()) / 1000));
      ctx.set('Retry-After', String(wait));
      return new GateError(429, `Too many sign-in attempts: try again in ${Math.ceil(wait / 60)} minutes.`, { retryAfter: wait });
    };
    const addr = await state.hit(`signin:addr:${reader}`, SIGNIN.windowMs);
    if (addr.n > SIGNIN.perAddress) throw tooMany(addr.expiresMs);
    const known = (await state.count(`signin:known:${email}:${reader}`)).n > 0;
    if (!known) {
      const acct = await state.hit(`signin:acct:${email}`, SIGNIN.windowMs);
      if (acct.n > SIGNIN.perAccount) throw tooMany(acct.expiresMs);
    }
    const fails = (await state.count(`signin:fail:${email}`)).n;
    if (fails >= SIGNIN.delayAfter) await sleep(Math.min(SIGNIN.maxDelayMs, SIGNIN.firstDelayMs * 2 ** (fails - SIGNIN.delayAfter)));
    const user = await state.findUser(email);
    const admin = user && user.type === 'administrator' ? user : null;
    const ok = await limited(async () => (await verifyPassword(body.password, admin ? admin.password : await dummyHash)) && Boolean(admin));
    if (!ok || !admin) {
      await state.hit(`signin:fail:${email}`, SIGNIN.windowMs);
      throw new GateError(401, 'Wrong e-mail or password.');
    }
    await Promise.all([state.forget(`signin:fail:${email}`), state.forget(`signin:acct:${email}`), state.forget(`signin:addr:${reader}`)]);
    await state.hit(`signin:known:${email}:${reader}`, SIGNIN.knownMs);
    const { sid, expires } = await state.createSession(admin, ttlMs);
    ctx.body = { errno: 0, errmsg: '', data: { display_name: admin.display_name, email: admin.email, type: admin.type, token: sid, expiresAt: new Date(expires).toISOString() } };
    ctx.set('Cache-Control', 'no-store');
  }

  /** After Waline: no internal message in a failure; Waline's refusals become 4xx. @param {any} ctx */
  function checkAnswer(ctx) {
    const errno = ctx.body && typeof ctx.body === 'object' ? ctx.body.errno : undefined;
    if (ctx.status >= 500 || (errno !== undefined && errno !== 0)) {
      const msg = ctx.body && typeof ctx.body === 'object' ? String(ctx.body.errmsg ?? '') : String(ctx.body ?? '');
      if (ctx.status < 500 && /duplicate content/i.test(msg)) throw new GateError(409, 'You have already posted this comment.');
      log(`[comments] ${ctx.method} ${ctx.path} failed in Waline: ${ctx.status} ${msg.slice(0, 300).replace(/\s+/g, ' ')}`);
      throw new GateError(500, 'The comment server had a problem. Please try again later.');
    }
  }

  /**
   * A reader's report: reason from the short list, one per reader per comment (a repeat is answered
   * as done), at most 30 reports per reader an hour.
   * @param {any} ctx @param {number} id @param {string} reader
   */
  async function report(ctx, id, reader) {
    const body = await readJson(ctx, 1024);
    if (typeof body.reason !== 'string' || !mod.REPORT_REASONS.includes(body.reason)) throw new GateError(400, 'Choose a reason for the report.', { code: 'report_reason' });
    const hits = await state.hit(`report:${reader}`, 3600_000);
    if (hits.n > 30) throw new GateError(429, 'Too many reports: please try again later.', { retryAfter: Math.max(1, Math.ceil((hits.expiresMs - state.now()) / 1000)), code: 'report_limit' });
    const r = await mod.report(id, reader, body.reason);
    if (!r) throw new GateError(404, 'That comment cannot be reported.', { code: 'report_gone' });
    if (!r.already) await state.bump();
    ctx.body = { errno: 0, errmsg: '', data: { objectId: id, already: r.already } };
    ctx.set('Cache-Control', 'no-store');
  }

  /**
   * A reader's own comments (POST /api/comment/mine { comments: [{ id, secret }] }, up to 50): where each
   * stands ('waiting', 'approved', 'gone'), answered only for the secret it was posted with. Counted
   * with the uncached reads per reader.
   * @param {any} ctx @param {string} reader
   */
  async function mine(ctx, reader) {
    const body = await readJson(ctx, 8 * 1024);
    const list = body.comments;
    if (!Array.isArray(list) || list.length > 50 || !list.every((x) => x && isCommentId(x.id) && typeof x.secret === 'string' && IDEM_KEY.test(x.secret)))
      throw new GateError(400, 'The request could not be read.');
    const reads = await state.hit(`read:${reader}`, 60_000);
    if (reads.n > readsPerMinute) {
      const wait = Math.max(1, Math.ceil((reads.expiresMs - state.now()) / 1000));
      throw new GateError(429, `Too many requests: please wait ${wait} seconds.`, { retryAfter: wait });
    }
    const data = await mod.ownStatus(list.map((/** @type {{ id: unknown, secret: string }} */ x) => ({ id: Number(x.id), secret: x.secret })));
    ctx.body = { errno: 0, errmsg: '', data };
    ctx.set('Cache-Control', 'no-store');
  }

  /**
   * The moderation API (/api/moderate/…, moderator only): queues with counts, bulk actions, the
   * audit log, comments by e-mail (find, delete), the export.
   * @param {any} ctx @param {{ userId: string }} sess
   */
  async function moderate(ctx, sess) {
    const p = ctx.path.slice('/api/moderate/'.length);
    const q = /** @type {Record<string, unknown>} */ (ctx.query);
    const one = (/** @type {string} */ k) => (typeof q[k] === 'string' ? /** @type {string} */ (q[k]) : '');
    /** @param {unknown} data */
    const ok = (data) => {
      ctx.body = { errno: 0, errmsg: '', data };
      ctx.set('Cache-Control', 'no-store');
    };
    if (p === 'queues' && ctx.method === 'GET') return ok(await mod.counts());
    if (p === 'list' && ctx.method === 'GET') {
      const queue = one('queue') || 'waiting';
      if (!mod.QUEUES.includes(queue)) throw new GateError(400, 'Unknown queue.');
      const page = /^\d{1,5}$/.test(one('page')) ? Number(one('page')) : 1;
      const chapter = one('chapter');
      if (chapter && !chapters.has(chapter)) throw new GateError(400, 'Unknown chapter.');
      return ok(await mod.list({ queue, page, order: one('order') === 'newest' ? 'newest' : 'oldest', chapter: chapter || undefined }));
    }
    if (p === 'audit' && ctx.method === 'GET') return ok(await mod.audit(50));
    if (p === 'action' && ctx.method === 'POST') {
      const body = await readJson(ctx, 64 * 1024);
      if (typeof body.action !== 'string' || !Object.hasOwn(mod.ACTIONS, body.action)) throw new GateError(400, 'Unknown action.');
      let list;
      let scope = '';
      if (body.ids !== undefined) {
        const clean = Array.isArray(body.ids) && body.ids.length <= 1000 && body.ids.every((/** @type {unknown} */ v) => isCommentId(v)) ? [...new Set(body.ids.map(Number))] : null;
        if (!clean) throw new GateError(400, 'Give the comments as a list of up to 1000 ids.');
        list = clean;
      } else {
        list = await mod.scopeIds(body);
        if (!list) throw new GateError(400, 'Give ids, or a reader (a comment id) or a chapter.');
        scope = body.reader != null ? `all in ${body.queue ?? 'waiting'} from the reader of comment ${body.reader}` : `all in ${body.queue ?? 'waiting'} on ${body.chapter}`;
      }
      const n = await mod.act({ action: body.action, ids: list, actor: await mod.actor(sess.userId), scope });
      if (n) await state.bump();
      return ok({ changed: n });
    }
    if (p === 'by-email' && ctx.method === 'GET') {
      const mail = one('mail').trim();
      if (!mail || mail.length > 254) throw new GateError(400, 'Which e-mail address?');
      return ok({ ids: await mod.idsByEmail(mail) });
    }
    if (p === 'delete-by-email' && ctx.method === 'POST') {
      const body = await readJson(ctx, 4096);
      const mail = typeof body.mail === 'string' ? body.mail.trim() : '';
      if (!mail || mail.length > 254 || !EMAIL.test(mail)) throw new GateError(400, 'Which e-mail address?');
      const list = await mod.idsByEmail(mail);
      const n = await mod.erase(list);
      await mod.log(await mod.actor(sess.userId), 'delete_by_email', list, `e-mail ${mail.toLowerCase().replace(/^(.).*@/, '$1…@')}`, n);
      if (n) await state.bump();
      return ok({ deleted: n });
    }
    if (p === 'export' && ctx.method === 'GET') {
      const format = one('format') || 'json';
      if (format !== 'json' && format !== 'csv') throw new GateError(400, 'Export as json or csv.');
      const rows = await mod.exportAll();
      await mod.log(await mod.actor(sess.userId), 'export', [], format, rows.length);
      const stamp = new Date(state.now()).toISOString().slice(0, 10);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Disposition', `attachment; filename="comments-${stamp}.${format}"`);
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = mod.toCsv(rows);
      } else {
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = JSON.stringify({ exported: new Date(state.now()).toISOString(), comments: rows }, null, 1);
      }
      return;
    }
    throw new GateError(404, 'Not found.');
  }

  const unavailable = () => new GateError(503, 'Comments cannot be saved right now. Please try again later.', { retryAfter: 60 });

  /** @param {any} ctx @param {() => Promise<void>} next */
  async function gate(ctx, next) {
    try {
      sweep();
      const ip = proxyaddr(ctx.req, trust);
      const reader = readerKey(ip);
      for (const h of ['x-real-ip', 'forwarded', 'x-client-ip', 'cf-connecting-ip', 'true-client-ip']) delete ctx.req.headers[h];
      // Waline reads X-Forwarded-For (and stores it with a comment): the address we decided on.
      ctx.req.headers['x-forwarded-for'] = ip;
      for (const v of Object.values(ctx.query)) {
        if ((Array.isArray(v) ? v : [v]).some((x) => CONTROL.test(String(x)))) throw new GateError(400, 'The request could not be read.');
      }
      // Waline also accepts a token in ?state=; only our sessions count.
      if ('state' in ctx.query) {
        const q = { ...ctx.query };
        delete q.state;
        ctx.query = q;
      }
      const sess = await session(ctx);
      const method = ctx.method;
      const p = ctx.path;
      const idMatch = /^\/api\/comment\/(\d{1,12})$/.exec(p);
      const reportMatch = /^\/api\/comment\/(\d{1,12})\/report$/.exec(p);
      // A number past the store's id range names no comment (and would be a query error on PostgreSQL).
      if (!isCommentId((idMatch ?? reportMatch)?.[1] ?? '0')) throw new GateError(404, 'That comment does not exist (any more).');
      const needSession = () => {
        if (!sess) throw new GateError(401, 'Please sign in (again) as the moderator.');
      };
      if (method !== 'GET' && method !== 'HEAD' && !storeOk()) throw unavailable();

      if (p === '/api/comment' && method === 'GET') {
        if (ctx.query.type === 'list') {
          needSession();
          ctx.query = moderatorListQuery(ctx.query);
        } else if (sess) ctx.query = publicQuery(ctx.query, chapters).query; // the moderator reading a chapter: the same checks, no cache
        if (!sess) {
          const { key, query } = publicQuery(ctx.query, chapters);
          ctx.query = query;
          const gen = await state.generation();
          const hit = cache.get(key);
          if (hit && hit.gen === gen) {
            ctx.body = hit.body;
            ctx.set('X-Comments-Cache', 'hit');
            return;
          }
          const reads = await state.hit(`read:${reader}`, 60_000);
          if (reads.n > readsPerMinute) {
            const wait = Math.max(1, Math.ceil((reads.expiresMs - state.now()) / 1000));
            ctx.set('Retry-After', String(wait));
            throw new GateError(429, `Too many requests: please wait ${wait} seconds.`, { retryAfter: wait });
          }
          await next();
          checkAnswer(ctx);
          finish(ctx, sess);
          ctx.set('X-Comments-Cache', 'miss');
          if (ctx.status === 200) cache.set(key, { body: ctx.body, gen });
          return;
        }
      } else if (p === '/api/comment' && method === 'POST') {
        const raw = await readJson(ctx, maxBody);
        const body = cleanComment(raw, chapters, [...(opts.reservedNames ?? []), ...(await state.moderatorNames())]);
        if (!sess && isClosed(body.url)) throw new GateError(403, 'Comments on this chapter are closed.', { code: 'closed' });
        const idem = String(ctx.req.headers['idempotency-key'] ?? '');
        if (idem && !IDEM_KEY.test(idem)) throw new GateError(400, 'The request could not be read.');
        // The secret the reader's browser keeps with the draft: with it (and only with it) they can delete the comment.
        const secret = String(ctx.req.headers['x-comment-secret'] ?? '');
        if (secret && !IDEM_KEY.test(secret)) throw new GateError(400, 'The request could not be read.');
        // What this key stands for: a retry must send the same comment. The same key with other text
        // (a draft edited after a lost answer) is refused, so the reader is never shown text that was not stored.
        const bodyHash = idem ? createHash('sha256').update(JSON.stringify([body.url, body.pid ?? '', body.nick ?? '', body.mail ?? '', body.comment])).digest('hex') : '';
        if (idem && !(await state.idemClaim(idem, bodyHash))) {
          // Sent before: answer with what was stored, never a second copy.
          const prior = await state.idem(idem);
          if (prior?.bodyHash && prior.bodyHash !== bodyHash)
            throw new GateError(422, 'This comment was already sent with different text. Reload the page, then post the new text as a new comment.', { code: 'key_reused' });
          if (!prior?.commentId) {
            ctx.set('Retry-After', '2');
            throw new GateError(409, 'Your comment is still being sent: please try again in a moment.', { retryAfter: 2 });
          }
          const c = opts.findComment ? await opts.findComment(prior.commentId) : null;
          ctx.body = { errno: 0, errmsg: '', data: { objectId: prior.commentId, url: c?.url ?? body.url, status: c?.status ?? 'waiting', repeated: true } };
          ctx.set('Cache-Control', 'no-store');
          return;
        }
        let claimed = 0;
        let hold = '';
        try {
          if (body.pid && opts.findComment) {
            const parent = await opts.findComment(body.pid);
            if (!parent || parent.url !== body.url || parent.status !== 'approved') throw new GateError(400, 'The comment you reply to does not exist.');
            // One level of replies: a reply to a reply hangs under the same root.
            body.rid = String(parent.rid || parent.objectId);
          }
          if (!sess) {
            // Caps on comments waiting for the moderator: a flood cannot bury the queue. Checked and
            // held in one step (mod.reserve), so concurrent posts cannot pass a cap together.
            // Refusals carry a code (the widget shows its own string for it: comments.err_<code>).
            const full = (/** @type {{ total: number, chapter: number, reader: number, network: number }} */ w) =>
              w.reader >= caps.perReader || w.network >= caps.perNetwork || w.chapter >= caps.perChapter || w.total >= caps.total;
            let r = await mod.reserve({ url: body.url, reader, caps });
            // Refused, but room by the time it was counted (a hold was given back meanwhile): try again.
            for (let i = 0; r.hold === null && !full(r.counts) && i < 3; i++) r = await mod.reserve({ url: body.url, reader, caps });
            if (r.hold === null) {
              const w = r.counts;
              if (w.reader >= caps.perReader)
                throw new GateError(429, `You have ${w.reader} comments waiting for the moderator: please wait until they have been read before posting more.`, { retryAfter: 3600, cap: 'reader', code: 'cap_reader' });
              // One network (an IPv6 /48) has its share waiting: its readers wait, everyone else can still post.
              if (w.network >= caps.perNetwork)
                throw new GateError(429, 'Many comments from your network are waiting for the moderator: please try again later.', { retryAfter: 3600, cap: 'network', code: 'cap_network' });
              const cap = w.total >= caps.total ? 'total' : 'chapter';
              // The moderator is told: in the log, on the moderation page (refusals in the last 24 h) and by e-mail.
              const refused = await state.hit(`cap:refused:${cap}`, 24 * 3600_000);
              if (refused.n === 1) log(`[comments] cap reached: ${w.total} waiting in all, ${w.chapter} on ${body.url}; new comments refused until the moderator catches up`);
              opts.onCapReached?.({ cap, total: w.total, chapter: w.chapter, url: body.url });
              throw new GateError(503, 'Too many comments are waiting for the moderator: new ones are paused. Please try again later.', { retryAfter: 600, cap, code: 'cap_paused' });
            }
            hold = r.hold;
          }
          if (!sess && windowMs > 0) {
            const until = state.now() + windowMs;
            const held = await state.claim(`post:${reader}`, until);
            if (held) {
              const wait = Math.max(1, Math.ceil((held - state.now()) / 1000));
              ctx.set('Retry-After', String(wait));
              throw new GateError(429, `You just posted a comment: please wait ${wait} seconds before posting again.`, { retryAfter: wait });
            }
            claimed = until;
          }
          // Spam signals, decided before the comment is stored (pre-moderation: they choose its queue).
          const sig = sess ? null : await mod.signalsFor({ comment: body.comment, url: body.url, reader });
          ctx.request.body = { post: body, file: {} };
          await next();
          checkAnswer(ctx);
          // Stored in a file that is no longer the store: never acknowledge it.
          if (!storeOk()) throw unavailable();
          const id = ctx.body?.data?.objectId;
          if (idem && id != null) await state.idemDone(idem, String(id));
          if (sig && id != null) {
            // The comment is stored: a failure here must not lose it (it stays in Waiting).
            await mod.record({ id, ...sig, reader, secret, hold }).catch((e) => log(`[comments] could not record signals for comment ${id}: ${e}`));
            // The notifier decides (claims the right to send) before the reader is answered; it never throws.
            await opts.onWaiting?.();
          }
          if (hold) await mod.release(hold).catch((e) => log(`[comments] could not release a cap hold: ${e}`));
          await state.bump();
        } catch (e) {
          if (hold) await mod.release(hold).catch(() => {});
          if (claimed) await state.release(`post:${reader}`, claimed).catch(() => {});
          if (idem) await state.idemDrop(idem).catch(() => {});
          throw e;
        }
        return finish(ctx, sess);
      } else if (idMatch && method === 'PUT') {
        needSession();
        const body = await readJson(ctx, maxBody);
        const id = Number(idMatch[1]);
        if (['approved', 'waiting', 'spam'].includes(body.status) && body.sticky === undefined) {
          // A status change goes through moderation (queue, audit log), not Waline's own update.
          const action = body.status === 'approved' ? 'approve' : body.status === 'spam' ? 'spam' : 'waiting';
          const n = await mod.act({ action, ids: [id], actor: await mod.actor(sess?.userId ?? '') });
          if (!n) throw new GateError(404, 'That comment does not exist (any more).');
          await state.bump();
          ctx.body = { errno: 0, errmsg: '', data: { objectId: id, status: body.status } };
          return finish(ctx, sess);
        }
        /** @type {Record<string, unknown>} */
        const clean = {};
        if (typeof body.sticky === 'boolean') clean.sticky = body.sticky ? 1 : 0;
        if (!Object.keys(clean).length) throw new GateError(400, 'Nothing to change.');
        ctx.request.body = { post: clean, file: {} };
      } else if (idMatch && method === 'DELETE') {
        const id = Number(idMatch[1]);
        if (!sess) {
          // A reader deleting their own comment: only the browser that holds its secret can.
          const secret = String(ctx.req.headers['x-comment-secret'] ?? '');
          if (!IDEM_KEY.test(secret) || !(await mod.ownedBy(id, secret))) throw new GateError(403, 'Only the browser this comment was written in can delete it.', { code: 'not_yours' });
          await mod.erase([id]);
          await mod.log('reader (own comment)', 'self_delete', [id], '', 1);
          await state.bump();
          ctx.body = { errno: 0, errmsg: '', data: { objectId: id, deleted: true } };
          ctx.set('Cache-Control', 'no-store');
          return;
        }
        const n = await mod.act({ action: 'delete', ids: [id], actor: await mod.actor(sess.userId) });
        if (!n) throw new GateError(404, 'That comment does not exist (any more).');
        await state.bump();
        ctx.body = { errno: 0, errmsg: '', data: { objectId: id, deleted: true } };
        return finish(ctx, sess);
      } else if (p === '/api/comment/mine' && method === 'POST') {
        return await mine(ctx, reader);
      } else if (reportMatch && method === 'POST') {
        return await report(ctx, Number(reportMatch[1]), reader);
      } else if (p.startsWith('/api/moderate/')) {
        needSession();
        return await moderate(ctx, /** @type {NonNullable<typeof sess>} */ (sess));
      } else if (p === '/api/token' && method === 'POST') {
        return await signIn(ctx, reader);
      } else if (p === '/api/token' && method === 'GET') {
        needSession();
      } else if (p === '/api/token' && method === 'DELETE') {
        if (sess) await state.endSession(sess.sid);
        ctx.body = { errno: 0, errmsg: '', data: null };
        return;
      } else if (p === '/api/user' && method === 'POST') {
        throw new GateError(403, 'Registration is closed: the moderator account is created with `npm run comments:admin`.');
      } else {
        throw new GateError(404, 'Not found.');
      }
      await next();
      checkAnswer(ctx);
      if (method !== 'GET') {
        if (!storeOk()) throw unavailable();
        await state.bump();
      }
      return finish(ctx, sess);
    } catch (e) {
      ctx.set('Cache-Control', 'no-store');
      if (e instanceof GateError) {
        if (e.status === 503 || e.status === 429) ctx.set('Retry-After', String(e.extra.retryAfter ?? 60));
        ctx.status = e.status;
        // In the reader's language (the widget sends the page's as Accept-Language): messages.cjs.
        ctx.body = { errno: e.status, ...localize(e.message, e.extra, pickLang(ctx.get('accept-language'))) };
        return;
      }
      // Anything else is ours to fix, not the reader's to read.
      log(`[comments] ${ctx.method} ${ctx.path}: ${e instanceof Error ? e.stack || e.message : e}`);
      ctx.status = 500;
      ctx.body = { errno: 500, errmsg: translate('The comment server had a problem. Please try again later.', pickLang(ctx.get('accept-language'))) };
    } finally {
      // Which software and version answers is nobody's business (Waline sets these on every answer).
      ctx.remove('X-Waline-Version');
      ctx.remove('X-Powered-By');
    }
  }
  // sweep: for the host's timer, so an idle server still forgets and purges on time.
  return Object.assign(gate, { sweep });
}

/** @param {any} ctx @param {unknown} sess */
function finish(ctx, sess) {
  // Same-origin only: no CORS grants for other sites.
  ctx.remove('Access-Control-Allow-Origin');
  ctx.remove('Access-Control-Allow-Credentials');
  if (sess) ctx.set('Cache-Control', 'no-store');
  if (ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)) ctx.body = scrub(ctx.body, Boolean(sess));
}

module.exports = { CAPS, createGate, cleanComment, publicQuery, readerKey, compileTrust, LIMITS, PAGE_SIZES, SIGNIN, GateError, Lru };
