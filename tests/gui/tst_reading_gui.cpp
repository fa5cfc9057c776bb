// The reading workflow in the main window, against real peers over TLS (telerad-cli serve):
// a clinic's requests arrive on the worklist by urgency, the radiologist claims one, writes
// the report in the editor (autosaved, restored after a crash), signs and sends it; the
// clinic's acknowledgement clears the critical highlight. The other way round, the
// workstation sends a study for reading and shows the report it gets back, signature valid.

#include "GuiTestMain.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "common/DataFolder.h"
#include "dicom/DicomErrors.h"
#include "mainwindow/MainWindow.h"
#include "reading/ReadingPanel.h"
#include "reading/ReadingService.h"
#include "reading/ReportEditorDialog.h"
#include "reading/SendForReadingDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);
const QString kCtStudy = QStringLiteral("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322");
const QString kFindings = QStringLiteral("Fracture non déplacée du radius distal.");

QString ctSmallFile() { return test::corpusFolder() + QStringLiteral("/debian-python3-pydicom-2.3.1/test_files/CT_small.dcm"); }

QString cellText(QTableWidget* table, int row, int column) {
    return row >= 0 && row < table->rowCount() && table->item(row, column) ? table->item(row, column)->text() : QString();
}

/// The row whose text in `column` contains `text`, -1 when none.
int rowWith(QTableWidget* table, int column, const QString& text) {
    for (int row = 0; row < table->rowCount(); ++row)
        if (cellText(table, row, column).contains(text)) return row;
    return -1;
}

QString lineOf(const QString& output, const QString& key) {
    for (const QString& line : output.split(QLatin1Char('\n')))
        if (line.contains(key)) return line;
    return {};
}

}  // namespace

class ReadingGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        quietDicomToolkitLog();
        QVERIFY(pki.ok());
        QVERIFY(workstation.enrol(pki) && clinic.enrol(pki) && reader.enrol(pki));
        QVERIFY(workstation.addNode(QStringLiteral("clinic"), clinic.aeTitle(), clinic.port()));
        QVERIFY(workstation.addNode(QStringLiteral("reader"), reader.aeTitle(), reader.port()));
        QVERIFY(clinic.addNode(QStringLiteral("ws"), workstation.aeTitle(), workstation.port()));
        QVERIFY(reader.addNode(QStringLiteral("ws"), workstation.aeTitle(), workstation.port()));
        QCOMPARE(clinic.cli(QStringList{QStringLiteral("import"), ctSmallFile()} + test::mrStudyFiles()).exitCode, 0);
        QVERIFY(clinic.startServing() && reader.startServing());
        radiologistKey = pki.issuePerson(QStringLiteral("Dr Marie Curie"), QStringLiteral("s3cret"));
        QCOMPARE(radiologistKey.size(), 3);
        p12 = radiologistKey[2];
        auto folder = DataFolder::open(workstation.home());
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        window = std::make_unique<MainWindow>(folder.value());
        window->resize(1500, 950);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        panel = window->readingPanel();
        // The service inside the GUI must listen before the clinic sends.
        QTRY_VERIFY_WITH_TIMEOUT(test::runTool(kCli, {QStringLiteral("--home"), clinic.home(), QStringLiteral("echo"), QStringLiteral("ws")}).exitCode == 0, 15000);
    }
    void init() { test::failOnUnexpectedWarnings(); }
    void cleanupTestCase() {
        window.reset();
        clinic.stopServing();
        reader.stopServing();
    }

    void requestsArriveOnTheWorklistMostUrgentFirst() {
        for (const QStringList& request : {QStringList{test::kMrStudyUid, QStringLiteral("routine"), QStringLiteral("Chute sur le poignet")},
                                           QStringList{kCtStudy, QStringLiteral("emergency"), QStringLiteral("Polytraumatisé")}}) {
            const test::ToolRun sent = clinic.cli({QStringLiteral("request"), QStringLiteral("ws"), request[0], QStringLiteral("--urgency"), request[1],
                                                   QStringLiteral("--indication"), request[2], QStringLiteral("--physician"), QStringLiteral("Dupont^Jean")});
            QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        }
        QTableWidget* worklist = panel->worklistTable();
        QTRY_COMPARE_WITH_TIMEOUT(worklist->rowCount(), 2, 10000);
        QCOMPARE(cellText(worklist, 0, 0), QStringLiteral("Emergency"));
        QCOMPARE(worklist->item(0, 0)->foreground().color(), QColor(190, 0, 0));
        QVERIFY2(cellText(worklist, 0, 1).endsWith(QStringLiteral(" min")), qPrintable(cellText(worklist, 0, 1)));
        QCOMPARE(cellText(worklist, 0, 10), QStringLiteral("Polytraumatisé"));
        QCOMPARE(cellText(worklist, 1, 0), QStringLiteral("Routine"));
        QCOMPARE(cellText(worklist, 1, 6), clinic.aeTitle());
        QCOMPARE(panel->tabs()->tabText(0), QStringLiteral("Worklist (2)"));
        // Filtering by urgency hides the routine request.
        auto* urgency = panel->findChild<QComboBox*>();
        QVERIFY(urgency);
        urgency->setCurrentIndex(1);
        QVERIFY(!worklist->isRowHidden(0) && worklist->isRowHidden(1));
        urgency->setCurrentIndex(0);
        window->grab().save(test::screenshotPath(QStringLiteral("reading-worklist.png")));
    }

    void claimingFromTheWorklistTellsTheClinic() {
        QTableWidget* worklist = panel->worklistTable();
        worklist->selectRow(0);
        panel->findChild<QPushButton*>(QStringLiteral("claimButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(cellText(worklist, rowWith(worklist, 10, QStringLiteral("Polytraumatisé")), 8), QStringLiteral("in reading"), 10000);
        QCOMPARE(cellText(worklist, 0, 9), ReadingPanel::currentUser());
        QTRY_VERIFY_WITH_TIMEOUT(lineOf(clinic.cli({QStringLiteral("requests")}).out, kCtStudy).contains(QStringLiteral("\tin reading\t")), 10000);
    }

    void theEditorAutosavesAndRestoresAfterACrash() {
        auto* editor = new ReportEditorDialog(window->reading(), workstation.home(), kCtStudy, QStringLiteral("CT1"), QStringLiteral("CT"), window.get());
        editor->show();
        QCOMPARE(editor->templateBox()->currentText().left(3), QStringLiteral("ct-"));
        QTRY_VERIFY_WITH_TIMEOUT(editor->sectionEdit(SectionKey::Indication)->toPlainText().contains(QStringLiteral("Polytraumatisé")), 5000);
        QVERIFY2(!editor->sectionEdit(SectionKey::Technique)->toPlainText().isEmpty(), "the template fills the technique");
        editor->sectionEdit(SectionKey::Findings)->setPlainText(kFindings);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(editor->autosavePath()), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(test::runTool(QStringLiteral("cat"), {editor->autosavePath()}).out.contains(kFindings), 5000);
        const QString path = editor->autosavePath();
        delete editor;  // the crash: nothing signed, nothing saved as a draft
        auto* again = new ReportEditorDialog(window->reading(), workstation.home(), kCtStudy, QStringLiteral("CT1"), QStringLiteral("CT"), window.get());
        again->show();
        QTRY_COMPARE_WITH_TIMEOUT(again->sectionEdit(SectionKey::Findings)->toPlainText(), kFindings, 5000);
        again->grab().save(test::screenshotPath(QStringLiteral("reading-report-editor.png")));
        delete again;
        QVERIFY(QFile::exists(path));
    }

    void signingSendsTheReportBackToTheClinic() {
        auto* editor = new ReportEditorDialog(window->reading(), workstation.home(), kCtStudy, QStringLiteral("CT1"), QStringLiteral("CT"), window.get());
        editor->show();
        QTRY_COMPARE_WITH_TIMEOUT(editor->sectionEdit(SectionKey::Findings)->toPlainText(), kFindings, 5000);
        editor->sectionEdit(SectionKey::Conclusion)->setPlainText(QStringLiteral("Fracture du radius distal."));
        editor->criticalBox()->setChecked(true);
        editor->certificateEdit()->setText(p12);
        QSignalSpy finished(editor, &ReportEditorDialog::finished);
        editor->signAndSend("s3cret");
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("Signed by Dr Marie Curie and queued")), qPrintable(finished.first().at(1).toString()));
        reportUid = finished.first().at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(editor->autosavePath()), 5000);
        delete editor;
        // The clinic has it, valid; the worklist no longer lists the study.
        QTRY_VERIFY_WITH_TIMEOUT(lineOf(clinic.cli({QStringLiteral("report"), QStringLiteral("list")}).out, reportUid).contains(QStringLiteral("\tvalid (signed by /CN=Dr Marie Curie")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(panel->worklistTable()->rowCount(), 1, 10000);
        QTableWidget* reports = panel->reportsTable();
        QTRY_COMPARE_WITH_TIMEOUT(cellText(reports, rowWith(reports, 1, QStringLiteral("CT")), 3), QStringLiteral("delivered"), 15000);
        const int row = rowWith(reports, 1, QStringLiteral("CT"));
        QCOMPARE(cellText(reports, row, 5), QStringLiteral("CRITICAL"));
        QCOMPARE(reports->item(row, 0)->background().color(), QColor(255, 215, 215));  // unacknowledged: it stands out
        QVERIFY(panel->tabs()->tabText(2).contains(QStringLiteral("1 critical unacknowledged")));
    }

    void theClinicsAcknowledgementClearsTheHighlight() {
        const test::ToolRun ack = clinic.cli({QStringLiteral("report"), QStringLiteral("ack"), reportUid, QStringLiteral("--as"), QStringLiteral("Dupont^Jean")});
        QVERIFY2(ack.exitCode == 0, qPrintable(ack.err));
        QTableWidget* reports = panel->reportsTable();
        QTRY_COMPARE_WITH_TIMEOUT(cellText(reports, rowWith(reports, 1, QStringLiteral("CT")), 3), QStringLiteral("acknowledged"), 15000);
        QVERIFY(reports->item(rowWith(reports, 1, QStringLiteral("CT")), 0)->background() == QBrush());
        QCOMPARE(panel->tabs()->tabText(2), QStringLiteral("Reports"));
    }

    void sendingForReadingShowsTheRequestAndItsSignedReport() {
        auto book = NodeBook::load(workstation.home());
        QVERIFY(book.ok());
        SendForReadingDialog dialog(book.value(), QStringLiteral("DOE J1"), window.get());
        dialog.nodeBox()->setCurrentIndex(dialog.nodeBox()->findData(QStringLiteral("reader")));
        dialog.indicationEdit()->setPlainText(QStringLiteral("Douleur persistante du poignet"));
        dialog.urgencyBox()->setCurrentIndex(1);
        dialog.grab().save(test::screenshotPath(QStringLiteral("reading-send-for-reading.png")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        window->reading()->requestRead(dialog.readingNode(), test::kMrStudyUid, dialog.request());
        QTableWidget* requests = panel->requestsTable();
        QTRY_COMPARE_WITH_TIMEOUT(cellText(requests, rowWith(requests, 2, QStringLiteral("reader")), 4), QStringLiteral("received"), 20000);
        QCOMPARE(cellText(requests, rowWith(requests, 2, QStringLiteral("reader")), 3), QStringLiteral("Urgent"));
        // The reading site reports with PEM files, and the report comes back here by itself.
        const QString text = work.filePath(QStringLiteral("wrist.txt"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Findings: Pas de fracture visible.\n");
        file.close();
        const test::ToolRun created = reader.cli({QStringLiteral("report"), QStringLiteral("create"), QStringLiteral("--study"), test::kMrStudyUid,
                                                  QStringLiteral("--template"), QStringLiteral("generic-fr"), QStringLiteral("--text"), text,
                                                  QStringLiteral("--author"), QStringLiteral("Curie^Marie")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString uid = created.out.trimmed();
        QCOMPARE(reader.cli({QStringLiteral("report"), QStringLiteral("sign"), uid, QStringLiteral("--key"), radiologistKey[0], QStringLiteral("--cert"),
                             radiologistKey[1], QStringLiteral("--passphrase-file"), QStringLiteral("/dev/null")}).exitCode, 0);
        QCOMPARE(reader.cli({QStringLiteral("report"), QStringLiteral("send"), uid}).exitCode, 0);  // to where the request said
        QTRY_COMPARE_WITH_TIMEOUT(cellText(requests, rowWith(requests, 2, QStringLiteral("reader")), 4), QStringLiteral("report verified"), 20000);
        QTableWidget* reports = panel->reportsTable();
        // Listed after the requests in the same refresh (each report's signature is checked
        // first), so it may arrive a moment after the request's new state.
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT((row = rowWith(reports, 2, QStringLiteral("received from READER"))) >= 0, 10000);
        QVERIFY2(cellText(reports, row, 4).startsWith(QStringLiteral("valid (signed by /CN=Dr Marie Curie")), qPrintable(cellText(reports, row, 4)));
        QCOMPARE(reports->item(row, 4)->foreground().color(), QColor(0, 120, 0));
        panel->tabs()->setCurrentIndex(2);
        window->grab().save(test::screenshotPath(QStringLiteral("reading-reports.png")));
        window->reading()->openReport(uid);
        QMessageBox* viewer = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((viewer = window->findChild<QMessageBox*>(QStringLiteral("reportViewer"))) != nullptr, 10000);
        QVERIFY2(viewer->text().contains(QStringLiteral("Pas de fracture visible.")), qPrintable(viewer->text()));
        QVERIFY(viewer->informativeText().contains(QStringLiteral("Signature: valid")));
        viewer->close();
    }

private:
    TestPki pki{kCli};
    Site workstation{kCli, QStringLiteral("WORKSTATION")}, clinic{kCli, QStringLiteral("CLINIC")}, reader{kCli, QStringLiteral("READER")};
    QTemporaryDir work;
    QStringList radiologistKey;
    QString p12, reportUid;
    std::unique_ptr<MainWindow> window;
    ReadingPanel* panel = nullptr;
};

TELERAD_GUI_TEST_MAIN(ReadingGuiTest)
#include "tst_reading_gui.moc"
