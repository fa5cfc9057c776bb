-- Annotations of the viewer (measurements, key images), per series, version 1.
CREATE TABLE annotations (
  series_uid TEXT PRIMARY KEY,
  content TEXT NOT NULL,
  updated_at TEXT NOT NULL
)
