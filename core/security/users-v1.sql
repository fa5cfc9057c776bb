-- Local user accounts, version 1. password: "scrypt$N$r$p$salt$key" (base64 salt and key);
-- totp_secret: base32, empty when not enrolled; last_totp_step refuses a code used twice.
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password TEXT NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  last_totp_step INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
)
