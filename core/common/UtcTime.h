#pragma once
// Times kept in databases: UTC, ISO 8601 with milliseconds ("2026-12-02T03:04:05.678Z").

#include <QDateTime>

namespace telerad {

inline QString isoNow() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }
/// Invalid for an empty text.
inline QDateTime fromIso(const QString& text) { return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC(); }

}  // namespace telerad
