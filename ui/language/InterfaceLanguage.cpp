#include "InterfaceLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace telerad {

namespace {

const QString kSettingKey = QStringLiteral("interface/language");
const QString kEnglish = QStringLiteral("en");
QString g_installed = kEnglish;  // set at start-up, before any widget, on the GUI thread

bool isOurs(const QString& code) { return interfaceLanguages().contains(code); }

// The translator lives as long as the application, which owns it.
bool installTranslator(const QString& file, const QString& folder) {
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(file, folder)) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}

}  // namespace

QStringList interfaceLanguages() { return {kEnglish, QStringLiteral("fr")}; }

QString interfaceLanguageName(const QString& code) {
    return code == QLatin1String("fr") ? QStringLiteral("Français") : QStringLiteral("English");
}

QString startupLanguage(const QString& requested) {
    if (isOurs(requested)) return requested;
    const QString saved = QSettings().value(kSettingKey).toString();
    if (isOurs(saved)) return saved;
    const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    return isOurs(system) ? system : kEnglish;
}

void saveInterfaceLanguage(const QString& code) {
    if (isOurs(code)) QSettings().setValue(kSettingKey, code);
}

bool installInterfaceLanguage(const QString& code) {
    if (code == kEnglish || !isOurs(code)) return code == kEnglish;
    if (!installTranslator(QStringLiteral("telerad_") + code, QStringLiteral(":/telerad/i18n"))) return false;
    // Qt's own texts (Cancel, Yes, file dialogs): Debian's qt6-translations-l10n.
    (void)installTranslator(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    g_installed = code;
    return true;
}

QString installedInterfaceLanguage() { return g_installed; }

}  // namespace telerad
