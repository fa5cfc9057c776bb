#pragma once
// The languages the interface speaks: English, in which it is written, and French, from
// resources/translations/telerad_fr.ts compiled in. Chosen once at start-up: Qt widgets
// take their texts when they are made.

#include <QString>
#include <QStringList>

namespace telerad {

/// Language codes the interface has, English first.
QStringList interfaceLanguages();
/// A language's own name, as its speakers write it ("English", "Français").
QString interfaceLanguageName(const QString& code);

/// The language to start in: `requested` (the --language option) when it is one of ours,
/// else the one saved from Settings > Language, else the system's when we have it, else
/// English.
QString startupLanguage(const QString& requested = {});
/// Remembers `code` for the next start (the user's settings, not the data folder: two
/// radiologists sharing an archive may read in different languages).
void saveInterfaceLanguage(const QString& code);

/// Installs the translators of `code` into the application: ours, and Qt's own (standard
/// buttons and dialogs) when the system has them. English installs nothing. False, with
/// the interface left in English, when our translation is missing.
bool installInterfaceLanguage(const QString& code);
/// The language installed last (English until one is).
QString installedInterfaceLanguage();

}  // namespace telerad
