-- Version 3: each item keeps the patient and study of the instance, read from the file when
-- it was sent, so that the job's audit records need not read every file again (empty until
-- then, and for items of jobs sent before version 3).
ALTER TABLE job_items ADD COLUMN patient_id TEXT NOT NULL DEFAULT ''

ALTER TABLE job_items ADD COLUMN study_uid TEXT NOT NULL DEFAULT ''
