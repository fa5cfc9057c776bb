-- Archive index, version 2. Statements are separated by blank lines.
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  patient_id TEXT NOT NULL,
  name TEXT NOT NULL,
  birth_date TEXT,
  sex TEXT,
  UNIQUE (patient_id, name)
);

CREATE TABLE studies (
  uid TEXT PRIMARY KEY,
  patient INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  date TEXT, time TEXT, description TEXT, accession TEXT, study_id TEXT, referring_physician TEXT
);

CREATE TABLE series (
  uid TEXT PRIMARY KEY,
  study TEXT NOT NULL REFERENCES studies(uid) ON DELETE CASCADE,
  modality TEXT, number INTEGER, description TEXT, body_part TEXT
);

CREATE TABLE instances (
  sop_uid TEXT PRIMARY KEY,
  series TEXT NOT NULL REFERENCES series(uid) ON DELETE CASCADE,
  sop_class TEXT NOT NULL, number INTEGER, transfer_syntax TEXT,
  rows INTEGER, columns INTEGER, frames INTEGER,
  file TEXT NOT NULL, size INTEGER NOT NULL, archived_at TEXT NOT NULL
);

CREATE INDEX instances_by_series ON instances(series);

CREATE INDEX series_by_study ON series(study);

CREATE INDEX studies_by_patient ON studies(patient)
