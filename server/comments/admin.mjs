#!/usr/bin/env node
// @ts-check
// `npm run comments:admin -- --email you@example.org [--name "Moderator"]`
// Creates the moderator account (a Waline administrator) or resets its
// password. Open registration is closed, so this is the only way to get one.
// The password comes from COMMENTS_ADMIN_PASSWORD or is asked for (hidden).
// Uses the same store as the server: data/comments/ or COMMENTS_DATABASE_URL.
// Resetting the password ends every session of the account, on every process.
// --init creates an empty SQLite store where one existed and is missing.
// `npm run comments:admin -- --backup FILE` writes a consistent copy of the
// SQLite store to FILE, safe while the server runs (README, "Backups").
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { backupStore, storeConfig, upsertModerator } from './db.mjs';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string', default: 'Moderator' },
    'data-dir': { type: 'string', default: process.env.COMMENTS_DATA_DIR ?? 'data/comments' },
    init: { type: 'boolean', default: process.env.COMMENTS_INIT === '1' },
    backup: { type: 'string' },
  },
});

if (values.backup !== undefined) {
  try {
    const r = await backupStore(storeConfig({ dataDir: values['data-dir'] }), values.backup);
    console.log(`Backed up ${r.comments} comment${r.comments === 1 ? '' : 's'} (${(r.bytes / 1024).toFixed(0)} kB) to ${r.file}; SQLite's integrity check passed.`);
    process.exit(0);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

async function ask(/** @type {string} */ question, /** @type {boolean} */ hidden) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Echo nothing while the password is typed.
    /** @type {any} */ (rl)._writeToOutput = (/** @type {string} */ s) => {
      if (s.includes(question)) process.stdout.write(s);
    };
  }
  /** @type {string} */
  const answer = await new Promise((r) => rl.question(question, r));
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer.trim();
}

const email = values.email ?? (await ask('Moderator e-mail: ', false));
let password = process.env.COMMENTS_ADMIN_PASSWORD;
if (!password) {
  if (!process.stdin.isTTY) {
    console.error('Set COMMENTS_ADMIN_PASSWORD or run this in a terminal.');
    process.exit(2);
  }
  password = await ask('Password (12+ characters): ', true);
  const again = await ask('Repeat the password: ', true);
  if (again !== password) {
    console.error('The passwords differ.');
    process.exit(2);
  }
}
try {
  const cfg = storeConfig({ dataDir: values['data-dir'] });
  const { created } = await upsertModerator(cfg, { email, name: values.name ?? 'Moderator', password }, { init: values.init });
  console.log(`${created ? 'Created' : 'Updated'} the moderator account ${email} (${cfg.kind}). Sign in at /moderate/.`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
