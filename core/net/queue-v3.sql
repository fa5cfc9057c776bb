-- Transfer queue, version 3 (amendment: attributes merged into every instance sent, v2;
-- whose instance each item was, as read when it was sent, v3). Statements are separated by
-- blank lines.
-- A job sends instances to one node; each instance keeps its own state so that an
-- interrupted job resumes with what the peer has not confirmed yet.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  destination TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  runner_pid INTEGER NOT NULL DEFAULT 0,
  amendment BLOB NOT NULL DEFAULT x''
);

CREATE TABLE job_items (
  job INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  sop_uid TEXT NOT NULL,
  file TEXT NOT NULL,
  sop_class TEXT NOT NULL,
  transfer_syntax TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  state TEXT NOT NULL,
  status INTEGER,
  error TEXT NOT NULL DEFAULT '',
  patient_id TEXT NOT NULL DEFAULT '',
  study_uid TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job, sop_uid)
);

CREATE INDEX jobs_by_state ON jobs(state)
