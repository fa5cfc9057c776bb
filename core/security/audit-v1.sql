-- The audit trail, version 1. Each record's hash covers its content and the previous
-- record's hash (see AuditTrail.cpp); AUTOINCREMENT keeps sqlite_sequence at the highest
-- number ever given, which is how records cut off the end are noticed.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  user TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  study_uid TEXT NOT NULL,
  peer TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
)

CREATE INDEX audit_patient ON audit(patient_id)

CREATE INDEX audit_time ON audit(time)
