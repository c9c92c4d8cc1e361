// The hardening gate: the first Koa middleware in front of Waline, in the same
// process. Waline's HTTP API is wider and more trusting than a news site needs,
// so everything not on this allowlist is refused before Waline sees it:
//   - open registration, OAuth, e-mail verification, user lists, data export,
//     page counters, the CDN-loaded admin UI (/ui): 404 / 403;
//   - anonymous likes (PUT /api/comment/:id without a session): 401;
//   - Waline's tokens never expire and are the same on every login: clients
//     get an opaque session id with a lifetime instead, mapped here to the
//     Waline token, which never leaves the process (and whose key is random
//     per start);
//   - X-Forwarded-For: only the last hop (the address our proxy wrote) counts;
//   - one comment per address per window, decided before Waline's racy check;
//   - input checked (lengths, e-mail, http(s) links, chapter path, parent);
//   - responses lose avatar URLs (third-party hosts, e-mail hashes), e-mail,
//     IP, user agent and region unless a moderator asks.
'use strict';
const crypto = require('node:crypto');

const LIMITS = {
  nick: 50,
  mail: 254,
  link: 200,
  comment: 2000,
  url: 120,
};
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const CHAPTER_PATH = /^\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/;
// orig: the raw text, which Waline returns to anyone (its "logged-in" check sees an empty object).
const PRIVATE_FIELDS = ['mail', 'ip', 'ua', 'addr', 'browser', 'os', 'user_id', 'orig'];

const chars = (s) => [...s].length;

class GateError extends Error {
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    this.extra = extra;
  }
}

function clientIp(ctx) {
  // The comment server listens on loopback only, behind our proxy, which
  // overwrites X-Forwarded-For with the peer address. If some other proxy
  // appends instead, the last entry is still the one a proxy wrote.
  const xff = String(ctx.req.headers['x-forwarded-for'] ?? '');
  const parts = xff.split(',').map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : ctx.req.socket.remoteAddress || '';
}

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

function str(v) {
  return typeof v === 'string' ? v : v == null ? '' : null;
}

/** Validate a new comment; returns only the fields Waline should see. */
function cleanComment(body) {
  const nick = str(body.nick);
  const mail = str(body.mail);
  const link = str(body.link);
  const comment = str(body.comment);
  const url = str(body.url);
  if ([nick, mail, link, comment, url].includes(null)) throw new GateError(400, 'The comment could not be read.');
  const out = { nick: nick.trim(), mail: mail.trim(), link: link.trim(), comment: comment.trim(), url };
  const fields = {};
  if (!CHAPTER_PATH.test(out.url) || out.url.length > LIMITS.url) throw new GateError(400, 'This page does not take comments.', { field: 'url' });
  if (!out.nick) fields.nick = 'Please give a name.';
  else if (chars(out.nick) > LIMITS.nick) fields.nick = `Names can be up to ${LIMITS.nick} characters.`;
  if (out.mail && (chars(out.mail) > LIMITS.mail || !EMAIL.test(out.mail))) fields.mail = 'That e-mail address does not look right (or leave it empty).';
  if (out.link) {
    let ok = false;
    try {
      const u = new URL(out.link);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && chars(out.link) <= LIMITS.link;
    } catch {}
    if (!ok) fields.link = 'Links must be web addresses starting with http:// or https://.';
  }
  if (!out.comment) fields.comment = 'Please write a comment.';
  else if (chars(out.comment) > LIMITS.comment) fields.comment = `Comments can be up to ${LIMITS.comment} characters.`;
  const keys = Object.keys(fields);
  if (keys.length) throw new GateError(400, fields[keys[0]], { fields });
  for (const k of ['pid', 'rid']) {
    const v = body[k];
    if (v == null || v === '') continue;
    if (!/^\d{1,12}$/.test(String(v))) throw new GateError(400, 'The comment you reply to does not exist.');
    out[k] = String(v);
  }
  if (out.rid && !out.pid) out.pid = out.rid;
  if (typeof body.at === 'string' && body.at) out.at = body.at.slice(0, LIMITS.nick);
  out.ua = '';
  return out;
}

function scrub(value, isAdmin) {
  if (Array.isArray(value)) return value.map((v) => scrub(v, isAdmin));
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
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

/**
 * @param {{ rateLimitSeconds: number, sessionTtlSeconds: number, maxBodyBytes?: number,
 *   findComment?: (id: string) => Promise<{ objectId: string, url: string, status: string, rid?: string|number|null } | null> }} opts
 */
function createGate(opts) {
  const windowMs = Math.max(0, opts.rateLimitSeconds) * 1000;
  const ttlMs = opts.sessionTtlSeconds * 1000;
  const maxBody = opts.maxBodyBytes ?? 16 * 1024;
  const sessions = new Map(); // sid -> { token, expires }
  const lastPost = new Map(); // ip -> time of the last accepted comment
  const inFlight = new Set(); // ip with a comment being stored
  const loginFails = new Map(); // ip -> [times]
  // Public lists and counts, as sent: rendering a page of comments (Markdown,
  // DOMPurify on jsdom) costs ~25 ms of CPU, and they only change when
  // something is written. Any successful write clears the cache.
  const cache = new Map(); // url -> { body, time }
  const CACHE_MS = 60_000;
  const CACHE_MAX = 500;

  // Forget old entries now and then, so the maps stay small.
  let lastSweep = Date.now();
  function sweep(now) {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [k, t] of lastPost) if (now - t > windowMs) lastPost.delete(k);
    for (const [k, s] of sessions) if (s.expires <= now) sessions.delete(k);
    for (const [k, list] of loginFails) if (!list.some((t) => now - t < 15 * 60_000)) loginFails.delete(k);
  }

  function session(ctx) {
    const auth = String(ctx.req.headers.authorization ?? '');
    delete ctx.req.headers.authorization;
    const sid = auth.replace(/^Bearer\s+/i, '');
    if (!sid) return null;
    const s = sessions.get(sid);
    if (!s) return null;
    if (s.expires <= Date.now()) {
      sessions.delete(sid);
      return null;
    }
    ctx.req.headers.authorization = `Bearer ${s.token}`;
    return { sid, ...s };
  }

  return async function gate(ctx, next) {
    try {
      sweep(Date.now());
      const ip = clientIp(ctx);
      for (const h of ['x-real-ip', 'forwarded', 'x-client-ip', 'cf-connecting-ip', 'true-client-ip']) delete ctx.req.headers[h];
      ctx.req.headers['x-forwarded-for'] = ip;
      // Waline also accepts a token in ?state=; only our sessions count.
      if ('state' in ctx.query) {
        const q = { ...ctx.query };
        delete q.state;
        ctx.query = q;
      }
      const sess = session(ctx);
      const method = ctx.method;
      const p = ctx.path;
      const idMatch = /^\/api\/comment\/(\d{1,12})$/.exec(p);
      const needSession = () => {
        if (!sess) throw new GateError(401, 'Please sign in (again) as the moderator.');
      };

      if (p === '/api/comment' && method === 'GET') {
        const type = ctx.query.type;
        if (type === 'list') needSession();
        else if (type !== undefined && type !== 'count' && type !== 'recent') throw new GateError(400, 'Unknown list type.');
        if (!type && (typeof ctx.query.path !== 'string' || ctx.query.path.length > LIMITS.url)) throw new GateError(400, 'Which page?');
        if (type === 'count' && String(ctx.query.url ?? '').length > 4000) throw new GateError(400, 'Too many pages at once.');
        if (!sess) {
          const key = ctx.url;
          const hit = cache.get(key);
          if (hit && Date.now() - hit.time < CACHE_MS) {
            ctx.body = hit.body;
            ctx.set('X-Comments-Cache', 'hit');
            return;
          }
          await next();
          finish(ctx, sess);
          if (ctx.status === 200 && ctx.body && ctx.body.errno === 0) {
            if (cache.size >= CACHE_MAX) cache.clear();
            cache.set(key, { body: ctx.body, time: Date.now() });
          }
          return;
        }
      } else if (p === '/api/comment' && method === 'POST') {
        const body = cleanComment(await readJson(ctx, maxBody));
        if (body.pid && opts.findComment) {
          const parent = await opts.findComment(body.pid);
          if (!parent || parent.url !== body.url || parent.status !== 'approved') throw new GateError(400, 'The comment you reply to does not exist.');
          // One level of replies: a reply to a reply hangs under the same root.
          body.rid = String(parent.rid || parent.objectId);
        }
        if (!sess && windowMs > 0) {
          const since = Date.now() - (lastPost.get(ip) ?? 0);
          if (inFlight.has(ip) || since < windowMs) {
            const wait = inFlight.has(ip) ? Math.ceil(windowMs / 1000) : Math.ceil((windowMs - since) / 1000);
            ctx.set('Retry-After', String(wait));
            throw new GateError(429, `You just posted a comment: please wait ${wait} seconds before posting again.`, { retryAfter: wait });
          }
          inFlight.add(ip);
        }
        ctx.request.body = { post: body, file: {} };
        try {
          await next();
          if (ctx.body && ctx.body.errno === 0) {
            lastPost.set(ip, Date.now());
            cache.clear();
          }
        } finally {
          inFlight.delete(ip);
        }
        return finish(ctx, sess);
      } else if (idMatch && method === 'PUT') {
        needSession();
        const body = await readJson(ctx, maxBody);
        const clean = {};
        if (['approved', 'waiting', 'spam'].includes(body.status)) clean.status = body.status;
        if (typeof body.sticky === 'boolean') clean.sticky = body.sticky ? 1 : 0;
        if (!Object.keys(clean).length) throw new GateError(400, 'Nothing to change.');
        ctx.request.body = { post: clean, file: {} };
      } else if (idMatch && method === 'DELETE') {
        needSession();
        ctx.request.body = { post: {}, file: {} };
      } else if (p === '/api/token' && method === 'POST') {
        const now = Date.now();
        const fails = (loginFails.get(ip) ?? []).filter((t) => now - t < 15 * 60_000);
        if (fails.length >= 10) throw new GateError(429, 'Too many failed sign-ins: try again in 15 minutes.');
        const body = await readJson(ctx, 4096);
        if (typeof body.email !== 'string' || typeof body.password !== 'string') throw new GateError(400, 'E-mail and password, please.');
        ctx.request.body = { post: { email: body.email.trim(), password: body.password, code: String(body.code ?? '') }, file: {} };
        await next();
        const data = ctx.body && ctx.body.errno === 0 ? ctx.body.data : null;
        if (!data || data.type !== 'administrator' || !data.token) {
          fails.push(now);
          loginFails.set(ip, fails);
          ctx.status = 401;
          ctx.body = { errno: 401, errmsg: 'Wrong e-mail or password.' };
          return;
        }
        const sid = crypto.randomBytes(32).toString('base64url');
        const expires = now + ttlMs;
        sessions.set(sid, { token: data.token, expires });
        ctx.body = { errno: 0, errmsg: '', data: { display_name: data.display_name, email: data.email, type: data.type, token: sid, expiresAt: new Date(expires).toISOString() } };
        ctx.set('Cache-Control', 'no-store');
        return;
      } else if (p === '/api/token' && method === 'GET') {
        needSession();
      } else if (p === '/api/token' && method === 'DELETE') {
        if (sess) sessions.delete(sess.sid);
        ctx.body = { errno: 0, errmsg: '', data: null };
        return;
      } else if (p === '/api/user' && method === 'POST') {
        throw new GateError(403, 'Registration is closed: the moderator account is created with `npm run comments:admin`.');
      } else {
        throw new GateError(404, 'Not found.');
      }
      await next();
      if (method !== 'GET') cache.clear();
      return finish(ctx, sess);
    } catch (e) {
      if (e instanceof GateError) {
        ctx.status = e.status;
        ctx.body = { errno: e.status, errmsg: e.message, ...e.extra };
        ctx.set('Cache-Control', 'no-store');
        return;
      }
      throw e;
    }
  };
}

function finish(ctx, sess) {
  // Same-origin only: no CORS grants for other sites.
  ctx.remove('Access-Control-Allow-Origin');
  ctx.remove('Access-Control-Allow-Credentials');
  if (sess) ctx.set('Cache-Control', 'no-store');
  if (ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)) ctx.body = scrub(ctx.body, Boolean(sess));
}

module.exports = { createGate, cleanComment, LIMITS, GateError };
