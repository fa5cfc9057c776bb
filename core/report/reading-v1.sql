-- Reading desk, version 1. Statements are separated by blank lines.
-- requests: read requests this site sent ('out', node = the reading node) or received
-- ('in', node = the AE title that sent the study). Times are UTC, ISO 8601.
CREATE TABLE requests (
  study_uid TEXT NOT NULL,
  direction TEXT NOT NULL,
  node TEXT NOT NULL,
  patient_name TEXT NOT NULL DEFAULT '',
  patient_id TEXT NOT NULL DEFAULT '',
  modality TEXT NOT NULL DEFAULT '',
  body_part TEXT NOT NULL DEFAULT '',
  study_description TEXT NOT NULL DEFAULT '',
  indication TEXT NOT NULL DEFAULT '',
  question TEXT NOT NULL DEFAULT '',
  urgency TEXT NOT NULL,
  physician TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  requesting_site TEXT NOT NULL DEFAULT '',
  reply_to TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  state TEXT NOT NULL,
  claimed_by TEXT NOT NULL DEFAULT '',
  job INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (study_uid, direction)
);

-- reports: written here ('authored': draft, signed) or received from a reading site
-- ('received'). file: a draft's path, else the archived file (relative to the archive).
CREATE TABLE reports (
  sop_uid TEXT PRIMARY KEY,
  study_uid TEXT NOT NULL,
  direction TEXT NOT NULL,
  state TEXT NOT NULL,
  critical INTEGER NOT NULL DEFAULT 0,
  author TEXT NOT NULL DEFAULT '',
  signer TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL,
  pdf_file TEXT NOT NULL DEFAULT '',
  predecessor TEXT NOT NULL DEFAULT '',
  peer TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  signed_at TEXT NOT NULL DEFAULT '',
  job INTEGER NOT NULL DEFAULT 0,
  ack_by TEXT NOT NULL DEFAULT '',
  ack_at TEXT NOT NULL DEFAULT ''
);

CREATE INDEX reports_by_study ON reports(study_uid)
