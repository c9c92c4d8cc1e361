-- Moderation (issue 15; server/comments/moderation.cjs). Tables added after
-- the first stores were created: applied on every start after the main
-- schema and created when missing, also in a store that predates them (the
-- missing-store guard reads only the main schema file).
-- One row per comment beside Waline's: its queue (waiting, likely_spam,
-- reported, approved, rejected, spam), spam signals, reader reports since the
-- moderator last decided, the hash of its author's deletion secret.
CREATE TABLE IF NOT EXISTS cm_comment (
  comment_id bigint PRIMARY KEY,
  queue varchar(16) NOT NULL,
  signals text NOT NULL DEFAULT '[]',
  text_hash varchar(64),
  reader varchar(80) NOT NULL DEFAULT '',
  reports integer NOT NULL DEFAULT 0,
  hidden integer NOT NULL DEFAULT 0,
  secret_hash varchar(64),
  created_ms bigint NOT NULL,
  decided_ms bigint,
  -- the cap hold (cm_hold) this comment was posted under: once recorded, the comment counts and the hold no longer does
  hold varchar(40)
);
CREATE INDEX IF NOT EXISTS cm_comment_queue ON cm_comment (queue);
CREATE INDEX IF NOT EXISTS cm_comment_text ON cm_comment (text_hash, created_ms);
CREATE INDEX IF NOT EXISTS cm_comment_reader ON cm_comment (reader, created_ms);
-- Posts being stored under the caps on waiting comments: each counts as a
-- waiting comment on its chapter and for its reader until the comment is
-- recorded (or the hold expires: a process that died mid-post). Checked and
-- taken in one statement (moderation.cjs reserve()), so concurrent posts
-- cannot pass a cap together.
CREATE TABLE IF NOT EXISTS cm_hold (
  token varchar(40) PRIMARY KEY,
  url varchar(200) NOT NULL,
  reader varchar(80) NOT NULL,
  expires_ms bigint NOT NULL
);
-- Reader reports: one per reader (address, IPv6 by /64) per comment.
CREATE TABLE IF NOT EXISTS cm_report (
  comment_id bigint NOT NULL,
  reader varchar(80) NOT NULL,
  reason varchar(16) NOT NULL,
  created_ms bigint NOT NULL,
  PRIMARY KEY (comment_id, reader)
);
-- Every moderator action (and every reader's self-deletion): who, what, when.
CREATE TABLE IF NOT EXISTS cm_audit (
  id bigserial PRIMARY KEY,
  at_ms bigint NOT NULL,
  actor varchar(300) NOT NULL,
  action varchar(32) NOT NULL,
  scope varchar(300) NOT NULL DEFAULT '',
  n integer NOT NULL,
  comment_ids text NOT NULL DEFAULT ''
);
-- Delete-by-e-mail and "earlier comments from this e-mail".
CREATE INDEX IF NOT EXISTS wl_comment_mail ON wl_comment (mail);
