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
CREATE INDEX IF NOT EXISTS "wl_Comment_url_status" ON "wl_Comment" ("url", "status");
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
