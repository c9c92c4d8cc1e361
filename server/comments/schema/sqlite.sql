-- Waline's tables for SQLite (the npm package ships no schema). Applied by
-- server/comments/db.mjs on every start; every statement is idempotent.
-- Column names are what @waline/vercel 1.39.x reads and writes (think-model,
-- table prefix "wl_").
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS "wl_Comment" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "user_id" INTEGER,
  "comment" TEXT,
  "insertedAt" DATETIME DEFAULT (datetime('now', 'localtime')),
  "ip" TEXT,
  "link" TEXT,
  "mail" TEXT,
  "nick" TEXT,
  "rid" INTEGER,
  "pid" INTEGER,
  "sticky" NUMERIC,
  "status" TEXT NOT NULL DEFAULT 'waiting',
  "like" INTEGER,
  "ua" TEXT,
  "url" TEXT,
  "createdAt" DATETIME DEFAULT (datetime('now', 'localtime')),
  "updatedAt" DATETIME DEFAULT (datetime('now', 'localtime'))
);
-- Waline's public list and count: WHERE url = ? AND status NOT IN (...) ORDER BY insertedAt;
-- the moderation queues: WHERE status = ? ORDER BY insertedAt DESC LIMIT ...
DROP INDEX IF EXISTS "wl_Comment_url_status";
CREATE INDEX IF NOT EXISTS "wl_Comment_url_status_inserted" ON "wl_Comment" ("url", "status", "insertedAt");
CREATE INDEX IF NOT EXISTS "wl_Comment_status_inserted" ON "wl_Comment" ("status", "insertedAt");
CREATE INDEX IF NOT EXISTS "wl_Comment_ip_inserted" ON "wl_Comment" ("ip", "insertedAt");
CREATE INDEX IF NOT EXISTS "wl_Comment_rid" ON "wl_Comment" ("rid");

CREATE TABLE IF NOT EXISTS "wl_Counter" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "time" INTEGER,
  "reaction0" INTEGER,
  "reaction1" INTEGER,
  "reaction2" INTEGER,
  "reaction3" INTEGER,
  "reaction4" INTEGER,
  "reaction5" INTEGER,
  "reaction6" INTEGER,
  "reaction7" INTEGER,
  "reaction8" INTEGER,
  "url" TEXT,
  "createdAt" DATETIME DEFAULT (datetime('now', 'localtime')),
  "updatedAt" DATETIME DEFAULT (datetime('now', 'localtime'))
);

CREATE TABLE IF NOT EXISTS "wl_Users" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "display_name" TEXT NOT NULL DEFAULT '',
  "email" TEXT NOT NULL DEFAULT '',
  "password" TEXT NOT NULL DEFAULT '',
  "type" TEXT NOT NULL DEFAULT '',
  "label" TEXT,
  "url" TEXT,
  "avatar" TEXT,
  "github" TEXT,
  "twitter" TEXT,
  "facebook" TEXT,
  "google" TEXT,
  "weibo" TEXT,
  "qq" TEXT,
  "oidc" TEXT,
  "huawei" TEXT,
  "2fa" TEXT,
  "createdAt" DATETIME DEFAULT (datetime('now', 'localtime')),
  "updatedAt" DATETIME DEFAULT (datetime('now', 'localtime'))
);
CREATE UNIQUE INDEX IF NOT EXISTS "wl_Users_email" ON "wl_Users" ("email");


-- The gate's shared state (server/comments/state.cjs): nothing that matters
-- lives in a comment process's memory, so any number of processes act as one
-- and a restart keeps sessions and limits. Times are milliseconds since 1970.
-- Moderator sessions: the id the client holds is hashed; "stamp" is a hash of
-- the account's password hash, so resetting the password ends every session.
CREATE TABLE IF NOT EXISTS cm_session (
  sid_hash varchar(64) PRIMARY KEY,
  user_id varchar(32) NOT NULL,
  stamp varchar(64) NOT NULL,
  expires_ms INTEGER NOT NULL
);
-- Counters in a window: sign-in attempts per address and per account, uncached
-- reads per address, addresses that signed in before.
CREATE TABLE IF NOT EXISTS cm_counter (
  key varchar(300) PRIMARY KEY,
  start_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  n integer NOT NULL
);
-- The per-reader comment limit: a reader's claim on the next window.
CREATE TABLE IF NOT EXISTS cm_claim (
  key varchar(300) PRIMARY KEY,
  until_ms INTEGER NOT NULL
);
-- generation: bumped by every write, so every process's list cache knows.
CREATE TABLE IF NOT EXISTS cm_meta (
  name varchar(64) PRIMARY KEY,
  value INTEGER NOT NULL
);
-- Idempotency keys sent by the widget with a post: a retried post that was
-- stored is answered with the stored comment instead of a second copy.
CREATE TABLE IF NOT EXISTS cm_idem (
  key varchar(64) PRIMARY KEY,
  comment_id varchar(32),
  created_ms INTEGER NOT NULL,
  -- digest of the post (chapter, reply, name, e-mail, text): a key sent again with other text is refused
  body_hash varchar(64)
);
