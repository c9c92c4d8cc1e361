// @ts-check
// Moderator passwords: scrypt (Node's crypto, run on libuv's thread pool, so a
// sign-in never blocks the event loop), stored as
// scrypt$<N>$<r>$<p>$<salt>$<hash> in Waline's users table. Accounts created
// before this (Waline's phpass hashes) still sign in; `npm run comments:admin`
// rewrites them as scrypt.
'use strict';
const crypto = require('node:crypto');
const { createRequire } = require('node:module');

const walineRequire = createRequire(require.resolve('@waline/vercel/package.json'));
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

/** @returns {Promise<Buffer>} */
function scrypt(/** @type {string} */ password, /** @type {Buffer} */ salt, /** @type {{N: number, r: number, p: number}} */ o) {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, KEYLEN, { N: o.N, r: o.r, p: o.p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function hashPassword(/** @type {string} */ password) {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches `stored` (scrypt, or a legacy phpass hash). */
async function verifyPassword(/** @type {string} */ password, /** @type {string} */ stored) {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (m) {
    const want = Buffer.from(m[5], 'base64');
    const got = await scrypt(password, Buffer.from(m[4], 'base64'), { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) });
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  }
  if (/^\$[PH]\$/.test(stored)) {
    const { PasswordHash } = walineRequire('phpass');
    return Boolean(new PasswordHash().checkPassword(password, stored));
  }
  return false;
}

module.exports = { hashPassword, verifyPassword };
