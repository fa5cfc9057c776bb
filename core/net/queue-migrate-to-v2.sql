-- Version 2: a job may carry an amendment, a small DICOM dataset merged into each instance
-- on the way out (a read request's attributes travel that way).
ALTER TABLE jobs ADD COLUMN amendment BLOB NOT NULL DEFAULT x''
