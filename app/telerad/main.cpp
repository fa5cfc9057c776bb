// Telerad GUI: opens the main window on the data folder (--home, $TELERAD_HOME or the XDG
// default) and shows the demo study, generated on first start.

#include "common/DataFolder.h"
#include "common/Version.h"
#include "dicom/DicomErrors.h"
#include "language/InterfaceLanguage.h"
#include "mainwindow/MainWindow.h"
#include "security/InactivityLock.h"
#include "security/LoginDialog.h"
#include "vtk/VtkLogRouter.h"
#include "vtk/VtkOpenGLWidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSurfaceFormat>

namespace {

// A folder with accounts asks who is there before anything of a patient shows; without
// accounts the workstation is the operating-system user's.
std::optional<telerad::SignedIn> signIn(const QString& dataFolderRoot) {
    auto accounts = telerad::UserAccounts::open(dataFolderRoot);
    auto any = accounts.ok() ? accounts->any() : telerad::Result<bool>(telerad::failure(accounts.error()));
    if (!any.ok()) {
        QMessageBox::critical(nullptr, QStringLiteral("Telerad"), any.error());
        return std::nullopt;
    }
    if (!any.value()) {
        auto alone = telerad::signIn(dataFolderRoot, {});
        if (alone.ok()) {
            (void)telerad::recordAudit(dataFolderRoot, {QString(telerad::audit::kLogin), true, {}, {}, {},
                                                        QStringLiteral("Telerad workstation without accounts")});
            return alone.value();
        }
        QMessageBox::critical(nullptr, QStringLiteral("Telerad"), alone.error());
        return std::nullopt;
    }
    telerad::LoginDialog login(dataFolderRoot);
    if (login.exec() != QDialog::Accepted) return std::nullopt;
    return login.session();
}

}  // namespace

int main(int argc, char* argv[]) {
    telerad::quietDicomToolkitLog();
    // VTK needs an OpenGL 3.2 core context: this must precede the QApplication.
    QSurfaceFormat::setDefaultFormat(telerad::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    telerad::routeVtkOutputToQtLogging();
    QApplication::setApplicationName(QString::fromLatin1(telerad::kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(telerad::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/telerad/icons/telerad.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Telerad teleradiology workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption home(QStringLiteral("home"), QStringLiteral("Data folder to use."),
                                  QStringLiteral("DIR"));
    parser.addOption(home);
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("Interface language: en or fr (default: the one chosen in "
                                                     "Settings > Language, else the system's)."),
                                      QStringLiteral("CODE"));
    parser.addOption(language);
    parser.process(app);
    // Before any widget: each takes its texts when it is made.
    const QString chosenLanguage = telerad::startupLanguage(parser.value(language));
    if (!telerad::installInterfaceLanguage(chosenLanguage))
        qWarning("Telerad: the %s translation is missing; the interface stays in English", qPrintable(chosenLanguage));

    auto dataFolder = telerad::DataFolder::open(parser.value(home));
    if (!dataFolder.ok()) {
        QMessageBox::critical(nullptr, QStringLiteral("Telerad"), dataFolder.error());
        return 2;
    }
    auto session = signIn(dataFolder->root());
    if (!session) return 0;  // the login was cancelled
    telerad::MainWindow window(dataFolder.value());
    window.setSession(*session, telerad::InactivityLock::configuredPeriod(dataFolder->root()));
    window.show();
    window.openDemoStudy();
    return QApplication::exec();
}
