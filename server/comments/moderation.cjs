// @ts-check
// Moderation (issue 15): queues, spam signals, bulk actions with an audit
// log, reader reports, readers' own deletions, delete-by-e-mail and export.
//
// Waline's `status` column keeps deciding what the public sees ('approved'
// is shown; 'waiting' and 'spam' are not: Waline's lists filter on exactly
// those). The finer state lives beside it in cm_comment, one row per comment:
//   queue     waiting | likely_spam | reported | approved | rejected | spam
//   signals   why a comment looked like spam (JSON list), for the moderator
//   reports   reader reports since the moderator last decided; at the
//             threshold the comment is hidden (status 'spam') until decided
//   secret    a hash of the secret the reader's browser keeps with the draft
//             (self-deletion; never a cookie)
// A comment without a row (older stores, a moderator's own) is in the queue
// its Waline status names. Every moderator action is written to cm_audit.
'use strict';
const crypto = require('node:crypto');

/**
 * A comment id as a request may name one: digits only, within the store's id column
 * (PostgreSQL `serial`, a 32-bit integer). A larger number names no comment; passed on,
 * PostgreSQL would refuse the query ("out of range for type integer") and the reader
 * would get a 500 instead of "no such comment".
 * @param {unknown} v
 */
const isCommentId = (v) => (typeof v === 'string' || typeof v === 'number') && /^\d{1,10}$/.test(String(v)) && Number(v) <= 2_147_483_647;

/** The queues, in the order the moderation page shows them. */
const QUEUES = ['waiting', 'reported', 'likely_spam', 'approved', 'rejected', 'spam'];
/** What a moderator can do to comments, and what each means for Waline's status and our queue. */
const ACTIONS = /** @type {Record<string, { status: string, queue: string } | null>} */ ({
  approve: { status: 'approved', queue: 'approved' },
  reject: { status: 'spam', queue: 'rejected' },
  spam: { status: 'spam', queue: 'spam' },
  waiting: { status: 'waiting', queue: 'waiting' },
  delete: null,
});
/** Reasons a reader may give for a report (the widget's list: comments.report_reason_<code>). */
const REPORT_REASONS = ['abuse', 'spam', 'personal', 'off_topic', 'other'];

/** Spam-signal thresholds (README "Moderation"). */
const SIGNAL = {
  /** Links in one comment from which it is likely spam (a reader citing a source or two is normal). */
  links: 3,
  /** Repeated text: the same words (ignoring case, punctuation and links) on another chapter within this window. */
  repeatWindowMs: 30 * 24 * 3600_000,
  /** Shorter texts ("I agree") are not compared. */
  repeatMinChars: 24,
  /** Posting speed: this many earlier comments from the same reader in the window is a signal… */
  fastCount: 3,
  fastWindowMs: 10 * 60_000,
  /** …and this many is strong on its own. */
  fastStrong: 6,
};

const sha = (/** @type {string} */ s) => crypto.createHash('sha256').update(s).digest('hex');
/** The PostgreSQL advisory lock the caps' check-and-hold runs under (any constant of our own). */
const CAP_LOCK = 0x636d_6361;

/** Text as compared for repeats and blocked words: NFKC, lower case, no links, words separated by one space. */
function normalText(/** @type {string} */ text) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Links in a comment: web addresses and Markdown links. */
function linkCount(/** @type {string} */ text) {
  return (text.match(/https?:\/\/|\bwww\.[\p{L}\p{N}-]+\./giu) ?? []).length;
}

/**
 * The blocked-words list (content/comments/blocked-words.txt): one word or
 * phrase a line, `#` starts a comment. Entries are normalised like the text.
 * @param {string} src
 * @returns {string[]}
 */
function parseBlockedWords(src) {
  return src
    .split(/\r?\n/)
    .map((l) => normalText(l.replace(/#.*/, '')))
    .filter(Boolean);
}

/** Blocked entries found in the text as whole words or phrases. */
function blockedIn(/** @type {string} */ text, /** @type {string[]} */ words) {
  const t = ` ${normalText(text)} `;
  return [...new Set(words.filter((w) => t.includes(` ${w} `)))];
}

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
function csvCell(/** @type {unknown} */ v) {
  let s = v == null ? '' : v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** A stored time (SQLite: 'YYYY-MM-DD HH:MM:SS' in the server's time zone, as Waline reads it; PostgreSQL: a Date) as ISO. */
function iso(/** @type {unknown} */ v) {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'string' && v) {
    const d = new Date(/^\d{4}-\d\d-\d\d \d/.test(v) ? v.replace(' ', 'T') : v);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  }
  return null;
}

/**
 * A reader's network, as the caps and the report threshold count it: an IPv6 reader (readerKey gives
 * its /64, "2001:0db8:0001:0002::/64") belongs to its /48, the key's first 15 characters
 * ("2001:0db8:0001:"). An IPv4 address is its own network (addresses cost money; a /24 is often one
 * office or one carrier's NAT). NETWORK is the same rule in SQL, over a column of reader keys.
 * @param {string} reader
 */
function networkOf(reader) {
  return reader.endsWith('::/64') ? reader.slice(0, 15) : reader;
}
/** @param {string} col */
const NETWORK = (col) => `CASE WHEN ${col} LIKE '%::/64' THEN substr(${col}, 1, 15) ELSE ${col} END`;

/**
 * @param {{
 *   db: import('./state.cjs').Db,
 *   kind: 'sqlite' | 'postgresql',
 *   now: () => number,
 *   readerKey: (ip: string) => string,
 *   blockedWords?: string[],
 *   reportThreshold?: number,
 * }} o
 */
function createModeration(o) {
  const { db, now } = o;
  const C = o.kind === 'sqlite' ? '"wl_Comment"' : 'wl_comment';
  const U = o.kind === 'sqlite' ? '"wl_Users"' : 'wl_users';
  const blocked = o.blockedWords ?? [];
  const threshold = Math.max(1, o.reportThreshold ?? 3);
  // The queue of a comment: our row's, else what its Waline status says.
  const Q = "COALESCE(m.queue, CASE WHEN c.status = 'approved' THEN 'approved' WHEN c.status = 'spam' THEN 'spam' ELSE 'waiting' END)";
  const FROM = `${C} c LEFT JOIN cm_comment m ON m.comment_id = c.id`;
  // What the caps count: recorded comments waiting for the moderator (Waiting and Likely spam), and the
  // holds of posts not recorded yet. A comment is recorded with its hold's token, which from that same
  // statement on stops the hold counting: never both, never neither.
  const WAITING = `cm_comment m JOIN ${C} c ON c.id = m.comment_id WHERE c.status IN ('waiting', 'spam') AND m.queue IN ('waiting', 'likely_spam')`;
  const HOLDS = 'cm_hold h WHERE h.expires_ms > ? AND NOT EXISTS (SELECT 1 FROM cm_comment r WHERE r.hold = h.token)';
  const marks = (/** @type {unknown[]} */ a) => a.map(() => '?').join(', ');
  /** @type {string | null} */
  let saltCache = null;

  /** A per-store random salt: addresses are shown to the moderator only as a keyed short hash. */
  async function salt() {
    if (saltCache) return saltCache;
    const r = crypto.randomInt(1, 2 ** 47);
    await db.all("INSERT INTO cm_meta (name, value) VALUES ('address_salt', ?) ON CONFLICT (name) DO NOTHING", [r]);
    const rows = await db.all("SELECT value FROM cm_meta WHERE name = 'address_salt'");
    saltCache = String(rows[0].value);
    return saltCache;
  }
  async function addressHash(/** @type {string} */ ip) {
    if (!ip) return '';
    return sha(`${await salt()}:${o.readerKey(ip)}`).slice(0, 8);
  }

  async function chunked(/** @type {number[]} */ list, /** @type {(part: number[]) => Promise<unknown>} */ fn) {
    for (let i = 0; i < list.length; i += 200) await fn(list.slice(i, i + 200));
  }

  const api = {
    QUEUES,
    ACTIONS,
    REPORT_REASONS,

    /**
     * Spam and abuse signals for a new comment (before it is stored).
     * @param {{ comment: string, url: string, reader: string }} c
     * @returns {Promise<{ signals: Array<Record<string, unknown>>, likely: boolean, textHash: string }>}
     */
    async signalsFor(c) {
      /** @type {Array<Record<string, unknown>>} */
      const signals = [];
      let strong = 0;
      let weak = 0;
      const links = linkCount(c.comment);
      if (links >= SIGNAL.links) (signals.push({ code: 'links', n: links }), strong++);
      else if (links > 0) signals.push({ code: 'links', n: links, weak: true });
      const words = blockedIn(c.comment, blocked);
      if (words.length) (signals.push({ code: 'blocked_words', words }), strong++);
      const norm = normalText(c.comment);
      const textHash = norm.length >= SIGNAL.repeatMinChars ? sha(norm) : '';
      if (textHash) {
        const rows = await db.all(
          `SELECT COUNT(DISTINCT c.url) AS n FROM cm_comment m JOIN ${C} c ON c.id = m.comment_id WHERE m.text_hash = ? AND c.url <> ? AND m.created_ms > ?`,
          [textHash, c.url, now() - SIGNAL.repeatWindowMs],
        );
        const n = Number(rows[0]?.n ?? 0);
        if (n > 0) (signals.push({ code: 'repeated', chapters: n }), strong++);
      }
      const fast = await db.all('SELECT COUNT(*) AS n FROM cm_comment WHERE reader = ? AND created_ms > ?', [c.reader, now() - SIGNAL.fastWindowMs]);
      const n = Number(fast[0]?.n ?? 0);
      if (n >= SIGNAL.fastCount) {
        signals.push({ code: 'fast', n, minutes: SIGNAL.fastWindowMs / 60_000 });
        if (n >= SIGNAL.fastStrong) strong++;
        else weak++;
      }
      return { signals, likely: strong > 0 || weak >= 2, textHash };
    },

    /**
     * Record a new comment's queue and signals; a likely-spam one is hidden from Waline's lists.
     * hold: the cap hold it was posted under (from then on the comment counts, not the hold).
     * @param {{ id: number|string, signals: unknown[], likely: boolean, textHash: string, reader: string, secret?: string, hold?: string }} r
     */
    async record(r) {
      await db.all(
        'INSERT INTO cm_comment (comment_id, queue, signals, text_hash, reader, reports, hidden, secret_hash, created_ms, hold) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?) ON CONFLICT (comment_id) DO NOTHING',
        [Number(r.id), r.likely ? 'likely_spam' : 'waiting', JSON.stringify(r.signals), r.textHash || null, r.reader, r.secret ? sha(r.secret) : null, now(), r.hold || null],
      );
      if (r.likely) await db.all(`UPDATE ${C} SET status = 'spam' WHERE id = ? AND status = 'waiting'`, [Number(r.id)]);
    },

    /**
     * Comments waiting for the moderator (waiting and likely spam) plus the holds of posts being stored:
     * in all, on one chapter, from one reader (an IPv4 address or an IPv6 /64, as readerKey groups them),
     * and from the reader's network (an IPv6 /48: networkOf).
     * @param {string} url @param {string} reader
     */
    async waitingCounts(url, reader) {
      const t = now();
      const rows = await db.all(
        `SELECT (SELECT COUNT(*) FROM ${WAITING}) + (SELECT COUNT(*) FROM ${HOLDS}) AS total,
                (SELECT COUNT(*) FROM ${WAITING} AND c.url = ?) + (SELECT COUNT(*) FROM ${HOLDS} AND h.url = ?) AS chapter,
                (SELECT COUNT(*) FROM ${WAITING} AND m.reader = ?) + (SELECT COUNT(*) FROM ${HOLDS} AND h.reader = ?) AS reader,
                (SELECT COUNT(*) FROM ${WAITING} AND ${NETWORK('m.reader')} = ?) + (SELECT COUNT(*) FROM ${HOLDS} AND ${NETWORK('h.reader')} = ?) AS network`,
        [t, url, t, url, reader, t, reader, networkOf(reader), t, networkOf(reader)],
      );
      const r = rows[0] ?? {};
      return { total: Number(r.total), chapter: Number(r.chapter), reader: Number(r.reader), network: Number(r.network) };
    },

    /**
     * The caps, checked and claimed as one step (issue 15: counting first and inserting later let
     * concurrent posts pass a cap together). A post under every cap gets a hold, which counts as a
     * waiting comment on its chapter and for its reader until release() (after the comment is
     * recorded) or until it expires (a process that died mid-post). The check and the hold are one
     * conditional INSERT, run under db.exclusive(): atomic on SQLite and PostgreSQL, across processes.
     * perNetwork caps one IPv6 /48 (a site's or a tunnel's allocation: 65,536 /64 "readers"), so one
     * network cannot fill a chapter's cap and pause comments for everyone.
     * @param {{ url: string, reader: string, caps: { total: number, perChapter: number, perReader: number, perNetwork: number }, holdMs?: number }} p
     * @returns {Promise<{ hold: string } | { hold: null, counts: { total: number, chapter: number, reader: number, network: number } }>}
     */
    async reserve(p) {
      const token = crypto.randomBytes(15).toString('base64url');
      const t = now();
      const net = networkOf(p.reader);
      const took = await db.exclusive(CAP_LOCK, (all) =>
        all(
          `INSERT INTO cm_hold (token, url, reader, expires_ms)
           SELECT CAST(? AS varchar(40)), CAST(? AS varchar(200)), CAST(? AS varchar(80)), CAST(? AS bigint)
           WHERE (SELECT COUNT(*) FROM ${WAITING}) + (SELECT COUNT(*) FROM ${HOLDS}) < ?
             AND (SELECT COUNT(*) FROM ${WAITING} AND c.url = ?) + (SELECT COUNT(*) FROM ${HOLDS} AND h.url = ?) < ?
             AND (SELECT COUNT(*) FROM ${WAITING} AND m.reader = ?) + (SELECT COUNT(*) FROM ${HOLDS} AND h.reader = ?) < ?
             AND (SELECT COUNT(*) FROM ${WAITING} AND ${NETWORK('m.reader')} = ?) + (SELECT COUNT(*) FROM ${HOLDS} AND ${NETWORK('h.reader')} = ?) < ?
           RETURNING token`,
          [token, p.url, p.reader, t + (p.holdMs ?? 120_000), t, p.caps.total, p.url, t, p.url, p.caps.perChapter, p.reader, t, p.reader, p.caps.perReader, net, t, net, p.caps.perNetwork],
        ),
      );
      if (took.length) return { hold: token };
      return { hold: null, counts: await api.waitingCounts(p.url, p.reader) };
    },

    /** Give a hold back (the comment is recorded, or was not stored). */
    async release(/** @type {string} */ hold) {
      await db.all('DELETE FROM cm_hold WHERE token = ?', [hold]);
    },

    /** Each queue's count, and the caps' refusals in the last 24 hours. */
    async counts() {
      const rows = await db.all(`SELECT ${Q} AS q, COUNT(*) AS n FROM ${FROM} GROUP BY ${Q}`);
      /** @type {Record<string, number>} */
      const counts = Object.fromEntries(QUEUES.map((q) => [q, 0]));
      for (const r of rows) if (r.q in counts) counts[r.q] = Number(r.n);
      const refused = await db.all("SELECT key, n FROM cm_counter WHERE key LIKE 'cap:refused:%' AND expires_ms > ?", [now()]);
      return { counts, capRefusals: Object.fromEntries(refused.map((r) => [String(r.key).slice('cap:refused:'.length), Number(r.n)])) };
    },

    /**
     * One page of a queue, oldest first by default: each comment with its chapter, time, name, e-mail,
     * the number of earlier comments from the same address and from the same e-mail, the address as a
     * short hash (never the address), signals, and report reasons.
     * @param {{ queue: string, page?: number, pageSize?: number, order?: string, chapter?: string }} q
     */
    async list(q) {
      const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
      const page = Math.max(1, q.page ?? 1);
      const desc = q.order === 'newest';
      const where = [`${Q} = ?`];
      const params = [q.queue];
      if (q.chapter) (where.push('c.url = ?'), params.push(q.chapter));
      const total = Number((await db.all(`SELECT COUNT(*) AS n FROM ${FROM} WHERE ${where.join(' AND ')}`, params))[0].n);
      const rows = await db.all(
        `SELECT c.id, c.nick, c.mail, c.link, c.url, c.ip, c.comment, c.insertedAt AS inserted, c.pid, c.rid, c.status, m.signals, m.reports, m.hidden, ${Q} AS queue,
           CASE WHEN COALESCE(m.reader, '') <> '' THEN (SELECT COUNT(*) FROM cm_comment e WHERE e.reader = m.reader AND e.comment_id < c.id)
             ELSE (SELECT COUNT(*) FROM ${C} e WHERE e.ip = c.ip AND e.id < c.id) END AS earlier_address,
           (SELECT COUNT(*) FROM ${C} e WHERE c.mail <> '' AND e.mail = c.mail AND e.id < c.id) AS earlier_email
         FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY c.id ${desc ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
        [...params, pageSize, (page - 1) * pageSize],
      );
      /** @type {Map<number, Record<string, number>>} */
      const reasons = new Map();
      if (rows.length) {
        const rr = await db.all(`SELECT comment_id, reason, COUNT(*) AS n FROM cm_report WHERE comment_id IN (${marks(rows)}) GROUP BY comment_id, reason`, rows.map((r) => Number(r.id)));
        for (const r of rr) {
          const m = reasons.get(Number(r.comment_id)) ?? {};
          m[String(r.reason)] = Number(r.n);
          reasons.set(Number(r.comment_id), m);
        }
      }
      const items = [];
      for (const r of rows)
        items.push({
          id: Number(r.id),
          queue: r.queue,
          url: r.url,
          time: iso(r.inserted),
          nick: r.nick ?? '',
          mail: r.mail ?? '',
          link: r.link ?? '',
          text: r.comment ?? '',
          replyTo: r.pid == null ? null : Number(r.pid),
          visible: r.status === 'approved',
          address: await addressHash(String(r.ip ?? '')),
          earlier: { address: Number(r.earlier_address), email: Number(r.earlier_email) },
          signals: safeJson(r.signals),
          reports: Number(r.reports ?? 0),
          reasons: reasons.get(Number(r.id)) ?? {},
          hidden: Boolean(Number(r.hidden ?? 0)),
        });
      return { items, page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
    },

    /** The comment ids a bulk scope selects: all in a queue from one reader (address or e-mail of a comment), or on one chapter. */
    async scopeIds(/** @type {{ reader?: unknown, chapter?: unknown, queue?: unknown }} */ s) {
      const queue = typeof s.queue === 'string' && QUEUES.includes(s.queue) ? s.queue : 'waiting';
      if (s.reader != null) {
        if (!isCommentId(s.reader)) return null;
        const [c] = await db.all(`SELECT c.ip, c.mail, m.reader FROM ${FROM} WHERE c.id = ?`, [Number(s.reader)]);
        if (!c) return [];
        // The reader: the same address (an IPv6 reader's /64, as the limits group them) or the same e-mail.
        const rows = await db.all(
          `SELECT c.id FROM ${FROM} WHERE ${Q} = ? AND ((c.ip = ? AND c.ip <> '') OR (m.reader = ? AND m.reader <> '') OR (c.mail = ? AND c.mail <> ''))`,
          [queue, c.ip ?? '', c.reader ?? '', c.mail ?? ''],
        );
        return rows.map((r) => Number(r.id));
      }
      if (typeof s.chapter === 'string' && /^\/(?:[a-z]{2}\/)?[a-z0-9-]+\/$/.test(s.chapter)) {
        const rows = await db.all(`SELECT c.id FROM ${FROM} WHERE ${Q} = ? AND c.url = ?`, [queue, s.chapter]);
        return rows.map((r) => Number(r.id));
      }
      return null;
    },

    /**
     * Apply one action to many comments and write it to the audit log.
     * @param {{ action: string, ids: number[], actor: string, scope?: string }} a
     * @returns {Promise<number>} how many comments it changed
     */
    async act(a) {
      const list = a.ids;
      if (!list.length) return 0;
      const t = now();
      let changed = 0;
      if (a.action === 'delete') {
        await chunked(list, async (part) => {
          // A moderator's delete takes the replies with it (as Waline's own delete does).
          const gone = await db.all(`SELECT id FROM ${C} WHERE id IN (${marks(part)}) OR rid IN (${marks(part)})`, [...part, ...part]);
          const all = gone.map((r) => Number(r.id));
          changed += part.filter((id) => all.includes(id)).length;
          if (!all.length) return;
          await db.all(`DELETE FROM ${C} WHERE id IN (${marks(all)})`, all);
          await db.all(`DELETE FROM cm_comment WHERE comment_id IN (${marks(all)})`, all);
          await db.all(`DELETE FROM cm_report WHERE comment_id IN (${marks(all)})`, all);
        });
      } else {
        const to = ACTIONS[a.action];
        if (!to) throw new Error(`unknown action ${a.action}`);
        await chunked(list, async (part) => {
          const found = await db.all(`SELECT id FROM ${C} WHERE id IN (${marks(part)})`, part);
          const have = found.map((r) => Number(r.id));
          if (!have.length) return;
          changed += have.length;
          await db.all(`UPDATE ${C} SET status = ? WHERE id IN (${marks(have)})`, [to.status, ...have]);
          await db.all(
            `UPDATE cm_comment SET queue = ?, decided_ms = ?, hidden = 0, reports = CASE WHEN ? = 'approved' THEN 0 ELSE reports END WHERE comment_id IN (${marks(have)})`,
            [to.queue, t, to.queue, ...have],
          );
          await db.all(
            `INSERT INTO cm_comment (comment_id, queue, signals, reports, hidden, created_ms, decided_ms)
             SELECT c.id, ?, '[]', 0, 0, CAST(? AS bigint), CAST(? AS bigint) FROM ${C} c WHERE c.id IN (${marks(have)}) AND NOT EXISTS (SELECT 1 FROM cm_comment m WHERE m.comment_id = c.id)
             ON CONFLICT (comment_id) DO NOTHING`,
            [to.queue, t, t, ...have],
          );
        });
      }
      await api.log(a.actor, a.action, list, a.scope ?? '', changed);
      return changed;
    },

    /** Write one line of the audit log. */
    async log(/** @type {string} */ actor, /** @type {string} */ action, /** @type {number[]} */ list, /** @type {string} */ scope, /** @type {number} */ n) {
      const shown = list.slice(0, 50).join(',') + (list.length > 50 ? ',…' : '');
      await db.all('INSERT INTO cm_audit (at_ms, actor, action, scope, n, comment_ids) VALUES (?, ?, ?, ?, ?, ?)', [now(), actor.slice(0, 254), action, scope.slice(0, 300), n, shown]);
    },

    /** The latest audit entries, newest first. */
    async audit(/** @type {number} */ limit = 50) {
      const rows = await db.all('SELECT id, at_ms, actor, action, scope, n, comment_ids FROM cm_audit ORDER BY id DESC LIMIT ?', [Math.min(500, limit)]);
      return rows.map((r) => ({ id: Number(r.id), at: new Date(Number(r.at_ms)).toISOString(), actor: r.actor, action: r.action, scope: r.scope, n: Number(r.n), ids: r.comment_ids }));
    },

    /** A moderator's name and e-mail for the audit log. */
    async actor(/** @type {string} */ userId) {
      const [u] = await db.all(`SELECT email, display_name FROM ${U} WHERE CAST(id AS varchar(32)) = ?`, [userId]);
      return u ? `${u.display_name} <${u.email}>` : `user ${userId}`;
    },

    /** Keep cm_comment in step when a moderator changes a comment through Waline's own API (PUT status). */
    async sync(/** @type {number} */ id, /** @type {string} */ status, /** @type {string} */ actor) {
      const action = status === 'approved' ? 'approve' : status === 'spam' ? 'spam' : 'waiting';
      await api.act({ action, ids: [id], actor });
    },

    /**
     * A reader's report on an approved comment: one per reader per comment; past the threshold the
     * comment is hidden until a moderator decides. Returns null when the comment takes no reports.
     * @param {number} id @param {string} reader @param {string} reason
     */
    async report(id, reader, reason) {
      const [c] = await db.all(`SELECT c.id, c.status, ${Q} AS queue FROM ${FROM} WHERE c.id = ?`, [id]);
      if (!c || (c.queue !== 'approved' && c.queue !== 'reported')) return null;
      const fresh = await db.all('INSERT INTO cm_report (comment_id, reader, reason, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT (comment_id, reader) DO NOTHING RETURNING comment_id', [id, reader, reason, now()]);
      if (!fresh.length) return { already: true, hidden: c.status !== 'approved' };
      const [m] = await db.all(
        `INSERT INTO cm_comment (comment_id, queue, signals, reports, hidden, created_ms) VALUES (?, 'reported', '[]', 1, 0, ?)
         ON CONFLICT (comment_id) DO UPDATE SET queue = 'reported', reports = cm_comment.reports + 1 RETURNING reports, hidden`,
        [id, now()],
      );
      let hidden = Boolean(Number(m.hidden));
      // Hidden when readers from `threshold` different networks report it: reports are one per reader
      // (an IPv6 /64), but one /48 holds 65,536 of those, so its reports count once (networkOf).
      const [d] = hidden
        ? [{ n: 0 }]
        : await db.all(`SELECT COUNT(DISTINCT ${NETWORK('reader')}) AS n FROM cm_report WHERE comment_id = ?`, [id]);
      if (Number(d.n) >= threshold && !hidden) {
        await db.all('UPDATE cm_comment SET hidden = 1 WHERE comment_id = ?', [id]);
        await db.all(`UPDATE ${C} SET status = 'spam' WHERE id = ? AND status = 'approved'`, [id]);
        hidden = true;
      }
      return { already: false, hidden };
    },

    /**
     * Remove a reader's comments: deleted, or, where other readers' replies hang under one, emptied of
     * everything that was theirs (name, e-mail, link, address, text) so the replies keep their place.
     * @param {number[]} list
     */
    async erase(list) {
      let n = 0;
      await chunked(list, async (part) => {
        const found = await db.all(`SELECT c.id, (SELECT COUNT(*) FROM ${C} r WHERE r.rid = c.id OR r.pid = c.id) AS replies FROM ${C} c WHERE c.id IN (${marks(part)})`, part);
        const keep = found.filter((r) => Number(r.replies) > 0).map((r) => Number(r.id));
        const drop = found.filter((r) => Number(r.replies) === 0).map((r) => Number(r.id));
        if (keep.length) {
          await db.all(`UPDATE ${C} SET nick = '', mail = '', link = '', ip = '', ua = '', comment = '' WHERE id IN (${marks(keep)})`, keep);
          await db.all(`UPDATE cm_comment SET secret_hash = NULL, text_hash = NULL, reader = '' WHERE comment_id IN (${marks(keep)})`, keep);
        }
        if (drop.length) {
          await db.all(`DELETE FROM ${C} WHERE id IN (${marks(drop)})`, drop);
          await db.all(`DELETE FROM cm_comment WHERE comment_id IN (${marks(drop)})`, drop);
        }
        await db.all(`DELETE FROM cm_report WHERE comment_id IN (${marks(part)})`, part);
        n += found.length;
      });
      return n;
    },

    /**
     * Retention (README "Readers' data"): comments a moderator rejected or marked as spam are removed
     * once `retentionMs` has passed since that decision, as a reader's own deletion removes them
     * (deleted; one with replies emptied of everything that was its author's). Undecided queues
     * (Waiting, Likely spam, Reported) are never purged. At most `batches` × 500 comments a run;
     * written to the audit log. Returns how many comments it removed.
     * @param {number} retentionMs @param {number} [batches]
     */
    async purge(retentionMs, batches = 20) {
      const before = now() - retentionMs;
      let total = 0;
      for (let i = 0; i < batches; i++) {
        const rows = await db.all(
          `SELECT c.id FROM ${FROM} WHERE m.queue IN ('rejected', 'spam') AND c.status <> 'approved' AND m.decided_ms IS NOT NULL AND m.decided_ms <= ?
             AND NOT (COALESCE(c.comment, '') = '' AND COALESCE(c.nick, '') = '' AND COALESCE(c.mail, '') = '' AND COALESCE(c.ip, '') = '')
           ORDER BY c.id LIMIT 500`,
          [before],
        );
        const list = rows.map((r) => Number(r.id));
        if (!list.length) break;
        const n = await api.erase(list);
        total += n;
        await api.log('retention (automatic)', 'purge', list, `rejected or spam for more than ${Math.round(retentionMs / 86_400_000)} days`, n);
        if (list.length < 500) break;
      }
      return total;
    },

    /**
     * Where a reader's own comments stand, for the browser that holds their secrets (the widget shows its
     * reader's waiting comments): 'waiting' (Waiting, Likely spam, or hidden after reports: a moderator
     * will decide), 'approved' (readers see it), or 'gone' (rejected, spam, deleted, emptied, or the
     * secret does not match: nothing is told about a comment to anyone but its author).
     * @param {Array<{ id: number, secret: string }>} list
     * @returns {Promise<Record<string, 'waiting' | 'approved' | 'gone'>>}
     */
    async ownStatus(list) {
      /** @type {Record<string, 'waiting' | 'approved' | 'gone'>} */
      const out = {};
      if (!list.length) return out;
      const ids = list.map((x) => x.id);
      const rows = await db.all(`SELECT c.id, c.status, m.secret_hash, ${Q} AS queue FROM ${FROM} WHERE c.id IN (${marks(ids)})`, ids);
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      for (const { id, secret } of list) {
        const r = byId.get(id);
        const mine = r?.secret_hash && safeEqualHex(String(r.secret_hash), sha(secret));
        out[id] = !mine ? 'gone' : r.status === 'approved' ? 'approved' : ['waiting', 'likely_spam', 'reported'].includes(r.queue) ? 'waiting' : 'gone';
      }
      return out;
    },

    /** True when `secret` is the one the comment was posted with. */
    async ownedBy(/** @type {number} */ id, /** @type {string} */ secret) {
      const [m] = await db.all('SELECT secret_hash FROM cm_comment WHERE comment_id = ?', [id]);
      return Boolean(m?.secret_hash) && safeEqualHex(String(m.secret_hash), sha(secret));
    },

    /** Ids of every comment posted with an e-mail address (case-insensitive). */
    async idsByEmail(/** @type {string} */ mail) {
      const rows = await db.all(`SELECT id FROM ${C} WHERE lower(mail) = lower(?) AND mail <> '' ORDER BY id`, [mail.trim()]);
      return rows.map((r) => Number(r.id));
    },

    /** Every comment, for the newsroom's archive (addresses left out; the address hash kept). */
    async exportAll() {
      const rows = await db.all(`SELECT c.id, c.url, c.nick, c.mail, c.link, c.comment, c.insertedAt AS inserted, c.pid, c.rid, c.ip, ${Q} AS queue, m.reports FROM ${FROM} ORDER BY c.id`);
      const out = [];
      for (const r of rows)
        out.push({
          id: Number(r.id),
          chapter: r.url,
          time: iso(r.inserted),
          queue: r.queue,
          name: r.nick ?? '',
          email: r.mail ?? '',
          link: r.link ?? '',
          text: r.comment ?? '',
          reply_to: r.pid == null ? '' : Number(r.pid),
          thread: r.rid == null ? '' : Number(r.rid),
          reports: Number(r.reports ?? 0),
          address_hash: await addressHash(String(r.ip ?? '')),
        });
      return out;
    },

    /** The export as CSV (RFC 4180, a header row; cells that would start a formula are prefixed with '). */
    toCsv(/** @type {Array<Record<string, unknown>>} */ rows) {
      const cols = ['id', 'chapter', 'time', 'queue', 'name', 'email', 'link', 'text', 'reply_to', 'thread', 'reports', 'address_hash'];
      return [cols.join(','), ...rows.map((r) => cols.map((k) => csvCell(r[k])).join(','))].join('\r\n') + '\r\n';
    },
  };
  return api;
}

/** Two hex digests compared in constant time. */
function safeEqualHex(/** @type {string} */ x, /** @type {string} */ y) {
  const a = Buffer.from(x, 'hex');
  const b = Buffer.from(y, 'hex');
  return a.length === b.length && a.length > 0 && crypto.timingSafeEqual(a, b);
}

function safeJson(/** @type {unknown} */ v) {
  try {
    const x = JSON.parse(String(v ?? '[]'));
    return Array.isArray(x) ? x : [];
  } catch {
    return [];
  }
}

module.exports = { createModeration, isCommentId, networkOf, parseBlockedWords, blockedIn, linkCount, normalText, csvCell, QUEUES, ACTIONS, REPORT_REASONS, SIGNAL };
