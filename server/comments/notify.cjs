// @ts-check
// E-mail to the moderators when comments wait (issue 15): at most one every
// N minutes across every comment process (the right to send is a claim in
// the store), with the number waiting and a link to the queue. Sent through
// the SMTP server in the settings (SMTP_HOST …); without SMTP_HOST nothing is
// sent. Waline's own mail features stay off (the launcher never passes SMTP
// settings to Waline: they would e-mail readers).
'use strict';
const { createRequire } = require('node:module');

const walineRequire = createRequire(require.resolve('@waline/vercel/package.json'));

/**
 * @param {{
 *   state: import('./state.cjs').State,
 *   smtp: { host: string, port: number, secure: boolean, user?: string, pass?: string, from: string },
 *   to: string[] | (() => Promise<string[]>),
 *   everyMinutes: number,
 *   moderateUrl: string,
 *   strings: Record<string, string>,
 *   count: () => Promise<{ counts: Record<string, number>, capRefusals: Record<string, number> }>,
 *   log?: (m: string) => void,
 * }} o
 */
function createNotifier(o) {
  const log = o.log ?? ((m) => console.error(m));
  if (!o.smtp.host) return { poke: async () => {} };
  const nodemailer = walineRequire('nodemailer');
  const transport = nodemailer.createTransport({
    host: o.smtp.host,
    port: o.smtp.port,
    secure: o.smtp.secure,
    ...(o.smtp.user ? { auth: { user: o.smtp.user, pass: o.smtp.pass ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const windowMs = Math.max(1, o.everyMinutes) * 60_000;
  /** @type {NodeJS.Timeout | null} */
  let later = null;
  const fill = (/** @type {string} */ s, /** @type {Record<string, string | number>} */ v) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m));

  /** The right to send: claimed in the store for the window, or null when a mail went out within it. */
  async function claim() {
    const until = o.state.now() + windowMs;
    const held = await o.state.claim('notify:mail', until);
    if (!held) return until;
    // Sent less than N minutes ago (by this process or another): look again when the window ends.
    if (!later) {
      later = setTimeout(() => {
        later = null;
        void run();
      }, Math.max(1000, held - o.state.now() + 500));
      later.unref();
    }
    return null;
  }
  /** @param {number} until the claim, given back when the mail cannot be sent */
  async function deliver(until) {
    const { counts, capRefusals } = await o.count();
    const waiting = (counts.waiting ?? 0) + (counts.likely_spam ?? 0) + (counts.reported ?? 0);
    if (!waiting) return;
    const to = Array.isArray(o.to) ? o.to : await o.to();
    if (!to.length) return log('[comments] notification: no moderator e-mail address (COMMENTS_NOTIFY_TO)');
    const refused = Object.values(capRefusals).reduce((a, b) => a + b, 0);
    const vars = { waiting, new: counts.waiting ?? 0, likely_spam: counts.likely_spam ?? 0, reported: counts.reported ?? 0, link: o.moderateUrl, refused, minutes: o.everyMinutes };
    const lines = [fill(o.strings.mail_body, vars), '', fill(o.strings.mail_counts, vars)];
    if (refused) lines.push('', fill(o.strings.mail_paused, vars));
    lines.push('', o.moderateUrl, '', fill(o.strings.mail_footer, vars));
    try {
      await transport.sendMail({ from: o.smtp.from, to, subject: fill(o.strings.mail_subject, vars), text: lines.join('\n') });
    } catch (e) {
      // Give the right to send back, so the next comment tries again.
      await o.state.release('notify:mail', until).catch(() => {});
      log(`[comments] notification e-mail failed: ${e instanceof Error ? e.message : e}`);
    }
  }
  /** Decide (claim) now; send in the background. Resolves once decided. */
  async function run() {
    try {
      const until = await claim();
      if (until) deliver(until).catch((e) => log(`[comments] notification: ${e instanceof Error ? e.message : e}`));
    } catch (e) {
      log(`[comments] notification: ${e instanceof Error ? e.message : e}`);
    }
  }
  return {
    /**
     * Something waits: send now unless a mail went out in the last N minutes (then once that window
     * ends). Resolves when that is decided (the gate answers the post after it); the e-mail itself is
     * sent in the background. Never rejects.
     */
    poke() {
      return run();
    },
  };
}

module.exports = { createNotifier };
