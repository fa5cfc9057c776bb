// The networking a radiologist and a clinic see in the main window, against real peers
// (telerad-cli serve and send over TLS, loopback): the DICOM service runs inside the GUI
// and shows incoming associations live (refusals in red); "Send to" queues a study and the
// transfer monitor follows it to done; a failing job says why in words; Settings > Network
// marks plain nodes NOT SECURE and saves the book; Query/Retrieve finds and retrieves.

#include "GuiTestMain.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "common/DataFolder.h"
#include "dicom/DicomErrors.h"
#include "mainwindow/MainWindow.h"
#include "network/NetworkService.h"
#include "network/NetworkSettingsDialog.h"
#include "network/QueryRetrieveDialog.h"
#include "network/TransferMonitor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

QString cellText(QTableWidget* table, int row, int column) {
    return row >= 0 && table->item(row, column) ? table->item(row, column)->text() : QString();
}

bool incomingContains(TransferMonitor* monitor, const QString& text) {
    for (int i = 0; i < monitor->incomingList()->count(); ++i)
        if (monitor->incomingList()->item(i)->text().contains(text)) return true;
    return false;
}

}  // namespace

class NetworkGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        QVERIFY(pki.ok());
        quietDicomToolkitLog();
        // The workstation (its data folder driven through the CLI, then opened by the GUI),
        // a reading site it sends to, and a clinic that sends to it.
        QVERIFY(workstation.enrol(pki) && reader.enrol(pki) && clinic.enrol(pki));
        QVERIFY(workstation.addNode(QStringLiteral("reader"), QStringLiteral("READER"), reader.port()));
        QVERIFY(workstation.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), clinic.port(), {QStringLiteral("--allow"), QStringLiteral("store")}));
        QVERIFY(workstation.addNode(QStringLiteral("oldpacs"), QStringLiteral("OLDPACS"), test::freePort(), {QStringLiteral("--no-tls")}));
        QVERIFY(workstation.addNode(QStringLiteral("gone"), QStringLiteral("GONE"), test::freePort()));
        QVERIFY(reader.addNode(QStringLiteral("ws"), QStringLiteral("WORKSTATION"), workstation.port(), {QStringLiteral("--allow"), QStringLiteral("store,find,get")}));
        QVERIFY(clinic.addNode(QStringLiteral("ws"), QStringLiteral("WORKSTATION"), workstation.port()));
        QVERIFY(reader.startServing());
        auto folder = DataFolder::open(workstation.home());
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        window = std::make_unique<MainWindow>(folder.value());
        window->resize(1400, 900);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        monitor = window->transferMonitor();
        QTRY_VERIFY2_WITH_TIMEOUT(monitor->serviceState().startsWith(QStringLiteral("Receiving as WORKSTATION")),
                                  qPrintable(monitor->serviceState()), 10000);
    }
    void init() { test::failOnUnexpectedWarnings(); }
    void cleanupTestCase() {
        window.reset();
        reader.stopServing();
    }

    void incomingStudiesAreReceivedAndShownLive() {
        const QStringList files = test::mrStudyFiles();
        const test::ToolRun sent = clinic.cli(QStringList{QStringLiteral("send"), QStringLiteral("ws")} + files);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QTRY_VERIFY_WITH_TIMEOUT(incomingContains(monitor, QStringLiteral("CLINIC@127.0.0.1")), 5000);
        // The browser refreshes by itself and lists the received study.
        QTRY_COMPARE_WITH_TIMEOUT(window->studyBrowser()->topLevelItemCount(), 1, 10000);
        QCOMPARE(workstation.archivedFiles().size(), files.size());
    }

    void unknownCallersAreRefusedAndShownInRed() {
        Site stranger(kCli, QStringLiteral("STRANGER"));
        QVERIFY(stranger.enrol(pki));
        QVERIFY(stranger.addNode(QStringLiteral("ws"), QStringLiteral("WORKSTATION"), workstation.port()));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused association from STRANGER.*not in the address book")));
        const test::ToolRun sent = stranger.cli({QStringLiteral("send"), QStringLiteral("ws"), test::mrStudyFiles().front(), QStringLiteral("--attempts"), QStringLiteral("1")});
        QCOMPARE(sent.exitCode, 1);
        QTRY_VERIFY_WITH_TIMEOUT(incomingContains(monitor, QStringLiteral("REFUSED STRANGER")), 5000);
        QCOMPARE(monitor->incomingList()->item(0)->foreground().color(), QColor(Qt::red));
    }

    void sendToFollowsTheJobToDone() {
        window->sendTo(QStringLiteral("reader"), test::kMrStudyUid);
        QVERIFY(monitor->isVisible());  // the Transfers panel came forward
        QTableWidget* jobs = monitor->jobsTable();
        QTRY_VERIFY_WITH_TIMEOUT(cellText(jobs, monitor->rowOfJob(1), TransferMonitor::kState) == QStringLiteral("done"), 30000);
        const int row = monitor->rowOfJob(1);
        QCOMPARE(cellText(jobs, row, TransferMonitor::kInstances), QStringLiteral("16 / 16"));
        auto* bar = qobject_cast<QProgressBar*>(jobs->cellWidget(row, TransferMonitor::kProgress));
        QVERIFY(bar);
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(cellText(jobs, row, TransferMonitor::kProblem), QString());
        // A finished job keeps its average rate; nothing is left to wait for.
        bool isNumber = false;
        QVERIFY2(cellText(jobs, row, TransferMonitor::kRate).toDouble(&isNumber) > 0 && isNumber, qPrintable(cellText(jobs, row, TransferMonitor::kRate)));
        QCOMPARE(cellText(jobs, row, TransferMonitor::kEta), QString());
        QCOMPARE(reader.archivedFiles().size(), 16);
        window->grab().save(test::screenshotPath(QStringLiteral("network-transfers.png")));
    }

    void aFailingJobSaysWhyInWordsAndCanBeCancelled() {
        window->network()->sendStudy(QStringLiteral("gone"), test::kMrStudyUid);
        QTableWidget* jobs = monitor->jobsTable();
        // Still retrying with backoff, but the reason is already shown.
        QTRY_VERIFY_WITH_TIMEOUT(cellText(jobs, monitor->rowOfJob(2), TransferMonitor::kProblem).startsWith(QStringLiteral("Peer unreachable")), 15000);
        QVERIFY(jobs->item(monitor->rowOfJob(2), TransferMonitor::kProblem)->toolTip().contains(QStringLiteral("Connection refused")));
        window->network()->cancelJob(2);
        QTRY_COMPARE_WITH_TIMEOUT(cellText(jobs, monitor->rowOfJob(2), TransferMonitor::kState), QStringLiteral("cancelled"), 10000);
    }

    void settingsMarkPlainNodesAndSaveTheBook() {
        auto book = NodeBook::load(workstation.home());
        QVERIFY(book.ok());
        NetworkSettingsDialog dialog(book.value(), window->network(), window.get());
        dialog.show();
        QTableWidget* nodes = dialog.nodesTable();
        QCOMPARE(nodes->rowCount(), 4);
        for (int row = 0; row < nodes->rowCount(); ++row) {
            const bool plain = cellText(nodes, row, NetworkSettingsDialog::kName) == QStringLiteral("oldpacs");
            QCOMPARE(cellText(nodes, row, NetworkSettingsDialog::kSecurity), plain ? QStringLiteral("NOT SECURE (plain TCP)") : QStringLiteral("TLS"));
            QCOMPARE(nodes->item(row, NetworkSettingsDialog::kSecurity)->foreground().color() == QColor(0xb0, 0, 0), plain);
        }
        dialog.grab().save(test::screenshotPath(QStringLiteral("network-settings.png")));
        NodeEditorDialog editor(Node{}, &dialog);
        editor.name->setText(QStringLiteral("hospital"));
        editor.aeTitle->setText(QStringLiteral("HOSPACS"));
        editor.host->setText(QStringLiteral("pacs.example.org"));
        editor.port->setValue(2762);
        editor.tls->setChecked(false);
        QVERIFY(editor.notSecure->isVisibleTo(&editor));
        editor.mayStore->setChecked(false);
        QVERIFY(dialog.putNode(editor.node()));
        // The old PACS of the LAN (plain) gets a port of its own.
        const quint16 plainPort = test::freePort();
        auto* plainPortBox = dialog.findChild<QSpinBox*>(QStringLiteral("plainPort"));
        QVERIFY(plainPortBox);
        QCOMPARE(plainPortBox->text(), QStringLiteral("off"));
        plainPortBox->setValue(plainPort);
        QCOMPARE(dialog.save(), QString());
        auto saved = NodeBook::load(workstation.home());
        QVERIFY(saved.ok());
        const std::optional<Node> hospital = saved->find(QStringLiteral("hospital"));
        QVERIFY(hospital.has_value());
        QCOMPARE(hospital->aeTitle, QStringLiteral("HOSPACS"));
        QCOMPARE(hospital->port, quint16(2762));
        QVERIFY(!hospital->tls);
        QVERIFY(!hospital->allowed.testFlag(Operation::Store));
        QVERIFY(hospital->allowed.testFlag(Operation::Find));
        // Saving restarts the service with the book just written.
        QCOMPARE(saved->site().plainPort, plainPort);
        QTRY_VERIFY_WITH_TIMEOUT(monitor->serviceState().contains(QStringLiteral("and %1 (plain nodes, NOT SECURE)").arg(plainPort)), 10000);
        const test::ToolRun echo = test::runTool(QStringLiteral("echoscu"), {QStringLiteral("-aet"), QStringLiteral("OLDPACS"), QStringLiteral("-aec"),
                                                  QStringLiteral("WORKSTATION"), QStringLiteral("127.0.0.1"), QString::number(plainPort)});
        QVERIFY2(echo.exitCode == 0, qPrintable(echo.err));
    }

    // A site certificate in its last month is shown in red with its date: once it expires,
    // every TLS association fails, at whatever hour that is.
    void aSiteCertificateNearItsEndIsShownInRed() {
        Site soon(kCli, QStringLiteral("SOON"));
        const QStringList files = pki.issue(QStringLiteral("SOON"), 10);
        QCOMPARE(soon.cli({QStringLiteral("tls"), QStringLiteral("import"), QStringLiteral("--key"), files[0], QStringLiteral("--cert"),
                           files[1], QStringLiteral("--ca"), pki.caCertificate()}).exitCode, 0);
        for (const auto& [site, nearItsEnd] : {std::pair{&soon, true}, std::pair{&workstation, false}}) {
            auto book = NodeBook::load(site->home());
            QVERIFY(book.ok());
            NetworkSettingsDialog dialog(book.value(), window->network(), window.get());
            auto* certificate = dialog.findChild<QLabel*>(QStringLiteral("siteCertificate"));
            QVERIFY(certificate);
            QCOMPARE(certificate->text().contains(QStringLiteral(", in 10 day(s): TLS associations fail once it has expired")), nearItsEnd);
            QCOMPARE(certificate->styleSheet().contains(QStringLiteral("#b00000")), nearItsEnd);
            if (nearItsEnd) dialog.grab().save(test::screenshotPath(QStringLiteral("network-settings-certificate-expiring.png")));
        }
        // The Transfers panel's service line says it too, in red, while the service runs.
        NetworkService service(soon.home());
        QSignalSpy states(&service, &NetworkService::serviceStateChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^TLS: this site's certificate \\(SOON, .* expires on ")));
        service.restartService();
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 10000);
        const QString state = states.first().at(0).toString();
        QVERIFY2(state.startsWith(QStringLiteral("Receiving as SOON")) && state.contains(QStringLiteral("this site's certificate expires on ")),
                 qPrintable(state));
        QCOMPARE(states.first().at(1).toBool(), false);
    }

    void queryRetrieveFindsAndRetrievesByGet() {
        QueryRetrieveDialog dialog({QStringLiteral("reader")}, window->network(), window.get());
        dialog.show();
        dialog.patientName->setText(QStringLiteral("DOE*"));
        QTest::mouseClick(dialog.search, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.results->rowCount(), 1, 10000);
        QCOMPARE(dialog.results->item(0, 0)->data(Qt::UserRole).toString(), test::kMrStudyUid);
        QCOMPARE(dialog.results->item(0, 5)->text(), QStringLiteral("16"));
        dialog.results->selectRow(0);
        QVERIFY(dialog.retrieveButton->isEnabled());
        QTest::mouseClick(dialog.retrieveButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.status->text().contains(QStringLiteral(" retrieved, ")), 20000);
        QVERIFY2(dialog.status->text().contains(QStringLiteral("16 retrieved, 0 failed")), qPrintable(dialog.status->text()));
        QVERIFY(dialog.status->text().contains(QStringLiteral("C-GET")));
        dialog.grab().save(test::screenshotPath(QStringLiteral("network-query-retrieve.png")));
    }

private:
    TestPki pki{kCli};
    Site workstation{kCli, QStringLiteral("WORKSTATION")}, reader{kCli, QStringLiteral("READER")}, clinic{kCli, QStringLiteral("CLINIC")};
    std::unique_ptr<MainWindow> window;
    TransferMonitor* monitor = nullptr;
};

TELERAD_GUI_TEST_MAIN(NetworkGuiTest)
#include "tst_network_gui.moc"
