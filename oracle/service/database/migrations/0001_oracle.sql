-- The oracle's tables: sign-in nonces, sessions, contributors' reader keys, jobs, the files of
-- each upload and the content each committed job stored. Times are milliseconds since 1970.
CREATE TABLE nonces (
  nonce TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  -- The order jobs were made in, for ties between equal created_at.
  arrival BIGINT GENERATED ALWAYS AS IDENTITY,
  contributor TEXT NOT NULL,
  upload_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'processing', 'accepted', 'failed')),
  stage TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  bytes BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  retry_at BIGINT,
  sequence BIGINT UNIQUE,
  stored JSON,
  attestation JSON,
  report JSON,
  progress JSON,
  documents BIGINT,
  tokens BIGINT,
  error JSON,
  reader_key TEXT
);
CREATE UNIQUE INDEX jobs_idempotent ON jobs (contributor, upload_key) WHERE state <> 'failed';
CREATE INDEX jobs_by_state ON jobs (state, created_at);
CREATE INDEX jobs_by_contributor ON jobs (contributor, created_at);
CREATE TABLE uploads (
  job_id TEXT NOT NULL REFERENCES jobs (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
);
CREATE TABLE contents (
  cid TEXT NOT NULL,
  job_id TEXT NOT NULL REFERENCES jobs (id),
  kind TEXT NOT NULL CHECK (kind IN ('manifest', 'keys', 'report', 'filtered', 'raw')),
  PRIMARY KEY (cid, job_id, kind)
);
CREATE INDEX contents_by_job ON contents (job_id);
CREATE TABLE reader_keys (
  address TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  registered_at BIGINT NOT NULL
);
