// Users and the audit trail in the GUI: the login dialog refuses a wrong password and lets
// the right one in (both audited), roles switch off what they may not do, inactivity locks
// the window until the same user's password is typed, and the audit viewer lists, filters,
// notices tampering and exports.

#include "GuiTestMain.h"
#include "TestSupport.h"

#include "common/DataFolder.h"
#include "common/SqliteDatabase.h"
#include "mainwindow/MainWindow.h"
#include "security/AuditTrail.h"
#include "security/AuditViewerDialog.h"
#include "security/InactivityLock.h"
#include "security/LoginDialog.h"
#include "security/UserAccounts.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace telerad;
using namespace std::chrono_literals;

namespace {

QList<AuditRecord> audited(const QString& root, const QString& action) {
    auto trail = AuditTrail::open(root);
    auto records = trail.ok() ? trail->list({{}, {}, action, {}, {}}) : Result<QList<AuditRecord>>(failure(trail.error()));
    return records.ok() ? records.value() : QList<AuditRecord>();
}

}  // namespace

class SecurityGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        auto accounts = UserAccounts::open(m_home.path());
        QVERIFY(accounts.ok());
        QVERIFY(accounts->add(QStringLiteral("admin"), Role::Admin, QStringLiteral("admin-password")).ok());
        QVERIFY(accounts->add(QStringLiteral("marie"), Role::Radiologist, QStringLiteral("marie-password")).ok());
        QVERIFY(accounts->add(QStringLiteral("paul"), Role::Staff, QStringLiteral("paul-password")).ok());
    }
    void init() { test::failOnUnexpectedWarnings(); }
    void cleanup() {
        m_window.reset();
        setAuditActor({});
        QThreadPool::globalInstance()->waitForDone();
    }

    void loginRefusesAWrongPasswordAndAcceptsTheRightOne() {
        LoginDialog login(m_home.path());
        login.show();
        QVERIFY(QTest::qWaitForWindowExposed(&login));
        QTest::keyClicks(login.userEdit(), QStringLiteral("marie"));
        QTest::keyClicks(login.passwordEdit(), QStringLiteral("wrong-password"));
        QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(login.errorLabel()->text().contains(QStringLiteral("login refused")), 10000);
        login.grab().save(test::screenshotPath(QStringLiteral("login-refused.png")));
        QVERIFY(login.isVisible());
        QVERIFY(login.passwordEdit()->text().isEmpty());
        QTest::keyClicks(login.passwordEdit(), QStringLiteral("marie-password"));
        QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(login.result(), int(QDialog::Accepted), 10000);
        QCOMPARE(login.session().actor.user, QStringLiteral("marie"));
        QCOMPARE(login.session().role, std::optional<Role>(Role::Radiologist));
        QCOMPARE(audited(m_home.path(), QString(audit::kLoginFailed)).size(), 1);
        const QList<AuditRecord> logins = audited(m_home.path(), QString(audit::kLogin));
        QCOMPARE(logins.size(), 1);
        QCOMPARE(logins.front().user, QStringLiteral("marie"));
        QCOMPARE(logins.front().role, QStringLiteral("radiologist"));
    }

    void staffMayNeitherChangeNodesNorReadTheAuditTrailNorSignNorDelete() {
        openWindowAs(QStringLiteral("paul"), QStringLiteral("paul-password"), 0ms);
        QVERIFY(!action(QStringLiteral("networkSettingsAction"))->isEnabled());
        QVERIFY(!action(QStringLiteral("auditTrailAction"))->isEnabled());
        QVERIFY(action(QStringLiteral("lockAction"))->isVisible());
        QVERIFY(!m_window->findChild<QPushButton*>(QStringLiteral("claimButton"))->isEnabled());
        QCOMPARE(m_window->findChild<QLabel*>(QStringLiteral("userLabel"))->text(), QStringLiteral("paul (staff)"));
        m_window->showReportEditor(QStringLiteral("1.2.3"), QStringLiteral("DOE^JOHN"), QStringLiteral("CT"));
        QVERIFY(!m_window->findChild<QDialog*>(QStringLiteral("reportEditor")));
        QVERIFY2(m_window->statusText().contains(QStringLiteral("only a radiologist")), qPrintable(m_window->statusText()));
        m_window->showAuditTrail();
        QVERIFY(!m_window->findChild<QDialog*>(QStringLiteral("auditViewer")));
        m_window->confirmDelete(QStringLiteral("DOE^JOHN"), QStringLiteral("1.2.3"));  // not even asked
        QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("confirmDelete")));
        QVERIFY2(m_window->statusText().contains(QStringLiteral("only an administrator deletes studies")), qPrintable(m_window->statusText()));
        m_window->close();
        QTRY_VERIFY_WITH_TIMEOUT(!audited(m_home.path(), QString(audit::kLogout)).isEmpty(), 10000);
        const QList<AuditRecord> logouts = audited(m_home.path(), QString(audit::kLogout));
        QCOMPARE(logouts.last().user, QStringLiteral("paul"));
        QCOMPARE(logouts.last().event.detail, QStringLiteral("closed Telerad"));
    }

    void inactivityLocksTheWindowUntilTheSameUserSignsInAgain() {
        openWindowAs(QStringLiteral("marie"), QStringLiteral("marie-password"), 1500ms);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->inactivityLock()->isLocked(), 10000);
        QVERIFY(!m_window->isVisible());  // no patient image left on the screen
        LoginDialog* unlock = m_window->inactivityLock()->unlockDialog();
        QVERIFY(unlock);
        QCOMPARE(unlock->userEdit()->text(), QStringLiteral("marie"));
        QVERIFY(unlock->userEdit()->isReadOnly());
        unlock->passwordEdit()->setText(QStringLiteral("paul-password"));
        unlock->signIn();
        QTRY_VERIFY_WITH_TIMEOUT(!unlock->errorLabel()->text().isEmpty() && unlock->errorLabel()->text() != QStringLiteral("Checking..."), 10000);
        QVERIFY(m_window->inactivityLock()->isLocked());
        unlock->passwordEdit()->setText(QStringLiteral("marie-password"));
        unlock->signIn();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isVisible(), 10000);
        QTRY_VERIFY(!m_window->inactivityLock()->isLocked());
        QTRY_VERIFY_WITH_TIMEOUT(!audited(m_home.path(), QString(audit::kLogout)).isEmpty(), 10000);
        const QList<AuditRecord> locks = audited(m_home.path(), QString(audit::kLogout));
        QCOMPARE(locks.last().user, QStringLiteral("marie"));
    }

    void theAuditViewerListsFiltersExportsAndNoticesTampering() {
        openWindowAs(QStringLiteral("admin"), QStringLiteral("admin-password"), 0ms);
        QVERIFY(action(QStringLiteral("auditTrailAction"))->isEnabled());
        (void)recordAudit(m_home.path(), {QString(audit::kStudyViewed), true, QStringLiteral("PAT-42"), QStringLiteral("1.2.42"), {}, QStringLiteral("test")});
        m_window->showAuditTrail();
        auto* viewer = m_window->findChild<AuditViewerDialog*>(QStringLiteral("auditViewer"));
        QVERIFY(viewer);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->table()->rowCount() >= 5, 10000);
        QVERIFY2(viewer->stateLabel()->text().contains(QStringLiteral("intact")), qPrintable(viewer->stateLabel()->text()));

        QSignalSpy listed(viewer, &AuditViewerDialog::listed);
        viewer->patientFilter()->setText(QStringLiteral("PAT-42"));
        viewer->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 10000);
        QCOMPARE(viewer->table()->rowCount(), 1);
        QCOMPARE(viewer->table()->item(0, 7)->text(), QStringLiteral("1.2.42"));
        QCOMPARE(viewer->table()->item(0, 2)->text(), QStringLiteral("admin"));

        QSignalSpy exported(viewer, &AuditViewerDialog::exported);
        const QString file = m_home.filePath(QStringLiteral("export/audit.xml"));
        viewer->exportTo(file);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
        QFile xml(file);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        const QByteArray content = xml.readAll();
        QCOMPARE(content.count("<AuditMessage>"), 1);
        QVERIFY(content.contains("PAT-42"));

        {  // someone edits the record behind Telerad's back
            auto database = SqliteDatabase::open(m_home.filePath(QStringLiteral("audit.sqlite")),
                                                 QStringLiteral(":/telerad/core/security/audit-v1.sql"), 1);
            QVERIFY(database.ok());
            QVERIFY(database->update(QStringLiteral("UPDATE audit SET patient_id = 'PAT-43' WHERE patient_id = 'PAT-42'")).ok());
        }
        viewer->patientFilter()->clear();
        viewer->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 2, 10000);
        QVERIFY2(viewer->stateLabel()->text().startsWith(QStringLiteral("THE AUDIT TRAIL IS BROKEN")), qPrintable(viewer->stateLabel()->text()));
        m_window->grab().save(test::screenshotPath(QStringLiteral("audit-window.png")));
        viewer->grab().save(test::screenshotPath(QStringLiteral("audit-viewer.png")));
    }

private:
    void openWindowAs(const QString& user, const QString& password, std::chrono::milliseconds autoLock) {
        auto session = signIn(m_home.path(), {user, password, {}});
        QVERIFY2(session.ok(), qPrintable(session.error()));
        auto folder = DataFolder::open(m_home.path());
        QVERIFY(folder.ok());
        m_window = std::make_unique<MainWindow>(folder.value());
        m_window->setSession(session.value(), autoLock);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    QAction* action(const QString& name) const {
        auto* found = m_window->findChild<QAction*>(name);
        if (!found) qFatal("no action %s", qPrintable(name));
        return found;
    }

    QTemporaryDir m_home;
    std::unique_ptr<MainWindow> m_window;
};

TELERAD_GUI_TEST_MAIN(SecurityGuiTest)
#include "tst_security_gui.moc"
