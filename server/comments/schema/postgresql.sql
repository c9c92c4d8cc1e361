-- Waline's tables for PostgreSQL (the npm package ships no schema). Applied by
-- server/comments/db.mjs on every start; every statement is idempotent.
-- Waline's PostgreSQL adapter lower-cases identifiers, so the tables are
-- wl_comment, wl_counter, wl_users with unquoted (lower-case) columns.
CREATE TABLE IF NOT EXISTS wl_comment (
  id serial PRIMARY KEY,
  user_id int DEFAULT NULL,
  comment text,
  insertedAt timestamp(0) without time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ip varchar(100) DEFAULT '',
  link varchar(255) DEFAULT NULL,
  mail varchar(255) DEFAULT NULL,
  nick varchar(255) DEFAULT NULL,
  pid int DEFAULT NULL,
  rid int DEFAULT NULL,
  sticky numeric DEFAULT NULL,
  status varchar(50) NOT NULL DEFAULT 'waiting',
  "like" int DEFAULT NULL,
  ua text,
  url varchar(255) DEFAULT NULL,
  createdAt timestamp(0) without time zone NULL DEFAULT CURRENT_TIMESTAMP,
  updatedAt timestamp(0) without time zone NULL DEFAULT CURRENT_TIMESTAMP
);
-- Waline's public list and count: WHERE url = ? AND status NOT IN (...) ORDER BY insertedAt;
-- the moderation queues: WHERE status = ? ORDER BY insertedAt DESC LIMIT ...
DROP INDEX IF EXISTS wl_comment_url_status;
CREATE INDEX IF NOT EXISTS wl_comment_url_status_inserted ON wl_comment (url, status, insertedAt);
CREATE INDEX IF NOT EXISTS wl_comment_status_inserted ON wl_comment (status, insertedAt);
CREATE INDEX IF NOT EXISTS wl_comment_ip_inserted ON wl_comment (ip, insertedAt);
CREATE INDEX IF NOT EXISTS wl_comment_rid ON wl_comment (rid);

CREATE TABLE IF NOT EXISTS wl_counter (
  id serial PRIMARY KEY,
  time int DEFAULT NULL,
  reaction0 int DEFAULT NULL,
  reaction1 int DEFAULT NULL,
  reaction2 int DEFAULT NULL,
  reaction3 int DEFAULT NULL,
  reaction4 int DEFAULT NULL,
  reaction5 int DEFAULT NULL,
  reaction6 int DEFAULT NULL,
  reaction7 int DEFAULT NULL,
  reaction8 int DEFAULT NULL,
  url varchar(255) NOT NULL DEFAULT '',
  createdAt timestamp(0) without time zone NULL DEFAULT CURRENT_TIMESTAMP,
  updatedAt timestamp(0) without time zone NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS wl_users (
  id serial PRIMARY KEY,
  display_name varchar(255) NOT NULL DEFAULT '',
  email varchar(255) NOT NULL DEFAULT '',
  password varchar(255) NOT NULL DEFAULT '',
  type varchar(50) NOT NULL DEFAULT '',
  label varchar(255) DEFAULT NULL,
  url varchar(255) DEFAULT NULL,
  avatar varchar(255) DEFAULT NULL,
  github varchar(255) DEFAULT NULL,
  twitter varchar(255) DEFAULT NULL,
  facebook varchar(255) DEFAULT NULL,
  google varchar(255) DEFAULT NULL,
  weibo varchar(255) DEFAULT NULL,
  qq varchar(255) DEFAULT NULL,
  oidc varchar(255) DEFAULT NULL,
  huawei varchar(255) DEFAULT NULL,
  "2fa" varchar(32) DEFAULT NULL,
  createdAt timestamp(0) without time zone NULL DEFAULT CURRENT_TIMESTAMP,
  updatedAt timestamp(0) without time zone NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX IF NOT EXISTS wl_users_email ON wl_users (email);


-- The gate's shared state (server/comments/state.cjs): nothing that matters
-- lives in a comment process's memory, so any number of processes act as one
-- and a restart keeps sessions and limits. Times are milliseconds since 1970.
-- Moderator sessions: the id the client holds is hashed; "stamp" is a hash of
-- the account's password hash, so resetting the password ends every session.
CREATE TABLE IF NOT EXISTS cm_session (
  sid_hash varchar(64) PRIMARY KEY,
  user_id varchar(32) NOT NULL,
  stamp varchar(64) NOT NULL,
  expires_ms bigint NOT NULL
);
-- Counters in a window: sign-in attempts per address and per account, uncached
-- reads per address, addresses that signed in before.
CREATE TABLE IF NOT EXISTS cm_counter (
  key varchar(300) PRIMARY KEY,
  start_ms bigint NOT NULL,
  expires_ms bigint NOT NULL,
  n integer NOT NULL
);
-- The per-reader comment limit: a reader's claim on the next window.
CREATE TABLE IF NOT EXISTS cm_claim (
  key varchar(300) PRIMARY KEY,
  until_ms bigint NOT NULL
);
-- generation: bumped by every write, so every process's list cache knows.
CREATE TABLE IF NOT EXISTS cm_meta (
  name varchar(64) PRIMARY KEY,
  value bigint NOT NULL
);
-- Idempotency keys sent by the widget with a post: a retried post that was
-- stored is answered with the stored comment instead of a second copy.
CREATE TABLE IF NOT EXISTS cm_idem (
  key varchar(64) PRIMARY KEY,
  comment_id varchar(32),
  created_ms bigint NOT NULL,
  -- digest of the post (chapter, reply, name, e-mail, text): a key sent again with other text is refused
  body_hash varchar(64)
);
