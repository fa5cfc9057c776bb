// French and English: every text of the interface has its French, with the same
// placeholders, and a French start shows French menus, Qt's own buttons included, and
// the core's texts that reach people (image warnings, import and network errors) in French.

#include "GeometryPhantom.h"
#include "GuiTestMain.h"
#include "HandWrittenFiles.h"
#include "TestSupport.h"
#include "archive/Importer.h"
#include "common/DataFolder.h"
#include "dicom/VolumeLoader.h"
#include "net/NetworkErrors.h"
#include "reading/ReadingService.h"
#include "language/InterfaceLanguage.h"
#include "browser/StudyBrowser.h"
#include "mainwindow/MainWindow.h"
#include "viewer/SliceViewer.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTreeWidget>
#include <QXmlStreamReader>

using namespace telerad;

namespace {

struct Message {
    QString context, source, translation;
    bool unfinished = false;
};

// Messages of a Qt Linguist file; plural forms joined by '|'.
std::vector<Message> readMessages(const QString& tsFile) {
    std::vector<Message> messages;
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly)) return messages;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement()) continue;
        if (xml.name() == QLatin1String("name")) context = xml.readElementText();
        if (xml.name() == QLatin1String("message")) messages.push_back({context, {}, {}, false});
        if (xml.name() == QLatin1String("source") && !messages.empty()) messages.back().source = xml.readElementText();
        if (xml.name() == QLatin1String("translation") && !messages.empty()) {
            messages.back().unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            messages.back().translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString& text) {
    QSet<QString> found;
    for (const auto& match : QRegularExpression(QStringLiteral("%(\\d|n)")).globalMatch(text)) found.insert(match.captured());
    return found;
}

QStringList menuTitles(QMenuBar* bar) {
    QStringList titles;
    for (QAction* menu : bar->actions()) titles << menu->text();
    return titles;
}

}  // namespace

class TranslationsTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    // lupdate over today's sources, into a copy of the committed French: a text added to
    // the interface without its French comes out unfinished, and this fails naming it.
    void everyInterfaceTextHasItsFrenchWithTheSamePlaceholders() {
        QTemporaryDir work;
        const QString ts = work.filePath(QStringLiteral("telerad_fr.ts"));
        QVERIFY(QFile::copy(QStringLiteral(TELERAD_SOURCE_DIR "/resources/translations/telerad_fr.ts"), ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(TELERAD_LUPDATE), {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                                                        QStringLiteral(TELERAD_SOURCE_DIR "/ui"), QStringLiteral(TELERAD_SOURCE_DIR "/core"),
                                                        QStringLiteral("-ts"), ts});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        const std::vector<Message> messages = readMessages(ts);
        QVERIFY2(messages.size() > 300, qPrintable(QString::number(messages.size())));
        QStringList problems;
        for (const Message& m : messages) {
            if (m.unfinished || m.translation.isEmpty())
                problems << QStringLiteral("%1: \"%2\" has no French").arg(m.context, m.source);
            else if (placeholders(m.source) != placeholders(m.translation))
                problems << QStringLiteral("%1: \"%2\" -> \"%3\": placeholders differ").arg(m.context, m.source, m.translation);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void aFrenchStartShowsFrench() {
        QVERIFY(installInterfaceLanguage(QStringLiteral("fr")));
        QCOMPARE(installedInterfaceLanguage(), QStringLiteral("fr"));
        QTemporaryDir home;
        auto folder = DataFolder::open(home.path());
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        {
            MainWindow window(folder.value());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(menuTitles(window.menuBar()), (QStringList{QStringLiteral("&Fichier"), QStringLiteral("&Paramètres"), QStringLiteral("&Affichage"),
                                                               QStringLiteral("&Image"), QStringLiteral("Ai&de")}));
            auto* french = window.findChild<QAction*>(QStringLiteral("language-fr"));
            QVERIFY(french && french->isChecked());
            // Qt's own texts come from Debian's translations.
            QDialogButtonBox buttons(QDialogButtonBox::Cancel);
            QVERIFY2(buttons.button(QDialogButtonBox::Cancel)->text().contains(QStringLiteral("Annuler")),
                     qPrintable(buttons.button(QDialogButtonBox::Cancel)->text()));
            window.openDemoStudy();
            QTRY_VERIFY_WITH_TIMEOUT(window.viewer()->hasVolume(), 180000);
            QTRY_COMPARE_WITH_TIMEOUT(window.studyBrowser()->topLevelItemCount(), 1, 30000);
            window.grab().save(test::screenshotPath(QStringLiteral("main-window-fr.png")));
            window.showNetworkSettings();
            QWidget* settings = nullptr;
            QTRY_VERIFY((settings = window.findChild<QDialog*>()) && settings->isVisible());
            QVERIFY(settings->windowTitle() == QStringLiteral("Paramètres réseau"));
            settings->grab().save(test::screenshotPath(QStringLiteral("network-settings-fr.png")));
            settings->close();
            // Chosen in the menu, remembered for the next start.
            window.findChild<QAction*>(QStringLiteral("language-en"))->trigger();
            QCOMPARE(startupLanguage(), QStringLiteral("en"));
            QCOMPARE(startupLanguage(QStringLiteral("fr")), QStringLiteral("fr"));  // --language wins
        }
        QThreadPool::globalInstance()->waitForDone();
    }

    // What the core says to people goes through the same translation: the warning drawn
    // on the image, an import's reasons, a transfer's failure, a report's signature.
    void theCoresTextsForPeopleAreInFrenchToo() {
        QVERIFY(installInterfaceLanguage(QStringLiteral("fr")));
        QTemporaryDir folder;
        const test::PhantomGrid grid{QStringLiteral("gap"), {1, 0, 0}, {0, 1, 0}, 2.0, 2.0, 2.0, 40, 40, 30};
        QStringList files = test::writeGeometryPhantom(grid, folder.filePath(grid.name));
        for (int k : {15, 14}) QVERIFY(QFile::remove(files.takeAt(k)));
        auto volume = VolumeLoader::load(files);
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        SliceViewer viewer;
        viewer.resize(500, 500);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setVolume(volume.value());
        QCOMPARE(viewer.geometryWarningText(), QStringLiteral("Coupes manquantes : environ 2 (trous dans les positions des coupes)"));
        viewer.grab().save(test::screenshotPath(QStringLiteral("geometry-warning-fr.png")));

        const QString junk = folder.filePath(QStringLiteral("notes.txt"));
        QFile text(junk);
        QVERIFY(text.open(QIODevice::WriteOnly) && text.write("not an image") > 0);
        text.close();
        auto archive = Archive::open(folder.filePath(QStringLiteral("home")));
        QVERIFY2(archive.ok(), qPrintable(archive.error()));
        const ImportReport report = Importer(archive.value()).run({junk});
        QCOMPARE(report.rejected.size(), 1);
        QVERIFY2(report.rejected.front().message.startsWith(junk + QStringLiteral(" : pas un fichier DICOM, ou endommagé")),
                 qPrintable(report.rejected.front().message));

        // The service decides on the kind of error, never on its words (now French here): a
        // second instance under the same UID with other content is refused for good
        // (0xC000 to the sender), not "out of resources" (which the sender retries forever).
        const auto received = [&](const char* name) {
            const QString file = archive->receivingFolder() + QStringLiteral("/%1.part").arg(QLatin1String(name));
            QFile out(file);
            if (!out.open(QIODevice::WriteOnly)) return Result<ReceivedInstance>(failure(file));
            out.write(test::part10("1.2.826.0.1.3680043.9.7433.79.5", test::patientAndStudy(name, "5")));
            out.close();
            return archive->storeReceivedFile(file, QStringLiteral("instance from TEST"));
        };
        const auto first = received("FIRST");
        QVERIFY2(first.ok(), qPrintable(first.error()));
        const auto conflict = received("SECOND");
        QVERIFY(conflict.refused());
        QVERIFY2(conflict.error().contains(QStringLiteral("est déjà archivé avec un autre contenu")), qPrintable(conflict.error()));

        QVERIFY2(explainNetworkError(QStringLiteral("DICOM association failed: TCP Initialization Error: Connection refused"))
                     .startsWith(QStringLiteral("Correspondant injoignable")),
                 qPrintable(explainNetworkError(QStringLiteral("Connection refused"))));
        SignatureCheck untrusted{SignatureState::Untrusted, {}, {}, QStringLiteral("unknown CA")};
        QCOMPARE(signatureInWords(untrusted), QStringLiteral("non reconnu : unknown CA"));
        QCOMPARE(untrusted.describe(), QStringLiteral("untrusted: unknown CA"));  // telerad-cli's contract stays English
    }
};

TELERAD_GUI_TEST_MAIN(TranslationsTest)

#include "tst_translations.moc"
