// Users, roles and the audit trail driven through telerad-cli, as a hospital's IT team would:
// a workstation without accounts works and audits under the system user; once an account
// exists every command needs a login (password file or environment, TOTP when enrolled),
// roles decide who may do what, and `audit verify` notices any record edited or deleted.

#include "CliRunner.h"
#include "TestSupport.h"

#include "common/SqliteDatabase.h"
#include "common/SystemUser.h"
#include "dicom/DemoStudyGenerator.h"
#include "security/Totp.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

using namespace telerad;
using test::CliRun;

namespace {

QString describe(const CliRun& run) {
    return QStringLiteral("exit %1\nout: %2\nerr: %3").arg(run.exitCode).arg(run.out.join(QLatin1Char('\n')), run.err.join(QLatin1Char('\n')));
}

QString writeSecret(const QString& path, const QByteArray& secret) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(secret + '\n') <= 0) return {};
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

// The audit list's rows, each split into its ten columns.
QList<QStringList> rows(const CliRun& run) {
    QList<QStringList> result;
    for (const QString& line : run.out) result << line.split(QLatin1Char('\t'));
    return result;
}

QList<QStringList> withAction(const QList<QStringList>& records, const QString& action) {
    QList<QStringList> matching;
    for (const QStringList& r : records)
        if (r.value(4) == action) matching << r;
    return matching;
}

}  // namespace

class SecurityCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        DemoStudySpec spec;
        spec.rows = spec.columns = 32;
        spec.slices = 4;
        auto written = DemoStudyGenerator::write(m_input.filePath(QStringLiteral("ct")), spec);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        m_study = written.value();
        m_alicePassword = writeSecret(m_input.filePath(QStringLiteral("alice.pw")), "alice-long-password");
        m_bobPassword = writeSecret(m_input.filePath(QStringLiteral("bob.pw")), "bob-long-password");
        m_wrongPassword = writeSecret(m_input.filePath(QStringLiteral("wrong.pw")), "not-the-password");
    }
    void init() { test::failOnUnexpectedWarnings(); }

    // Run in order: each step builds on the data folder the previous one left.
    void withoutAccountsEverythingWorksUnderTheSystemUser() {
        const CliRun imported = cli({QStringLiteral("import"), m_study.files.first()});
        QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));
        const CliRun listed = cli({QStringLiteral("ls"), QStringLiteral("--studies")});
        QCOMPARE(listed.exitCode, 0);
        const CliRun someone = cli({QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("ls")});
        QCOMPARE(someone.exitCode, 2);  // no account to act as: said, not ignored
        QVERIFY2(someone.err.join(QLatin1Char(' ')).contains(QStringLiteral("no user accounts")), qPrintable(describe(someone)));

        const QList<QStringList> records = rows(cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--patient"),
                                                     QStringLiteral("TELERAD-DEMO")}));
        const QList<QStringList> imports = withAction(records, QStringLiteral("study-imported"));
        QCOMPARE(imports.size(), 1);
        QCOMPARE(imports.front().size(), 10);
        QCOMPARE(imports.front().value(2), systemUserName());
        QCOMPARE(imports.front().value(5), QStringLiteral("success"));
        QCOMPARE(imports.front().value(7), m_study.studyInstanceUid);
        // Every command is in the trail, under the system user, with its command line.
        const QStringList commands = [&] {
            QStringList details;
            for (const QStringList& r : rows(cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--action"), QStringLiteral("login")})))
                details << r.value(2) + QLatin1Char(' ') + r.value(9);
            return details;
        }();
        QVERIFY2(commands.contains(systemUserName() + QStringLiteral(" telerad-cli ls --studies")), qPrintable(commands.join(QLatin1Char('\n'))));
        QVERIFY(QDateTime::fromString(imports.front().value(1), Qt::ISODateWithMs).isValid());
    }

    void theFirstAccountIsAnAdministratorAndThenLoginsAreRequired() {
        const CliRun added = cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--role"),
                                  QStringLiteral("radiologist"), QStringLiteral("--password-file"), m_alicePassword});
        QVERIFY2(added.exitCode == 0, qPrintable(describe(added)));
        QVERIFY2(added.out.join(QLatin1Char(' ')).contains(QStringLiteral("admin")), qPrintable(describe(added)));

        const CliRun anonymous = cli({QStringLiteral("ls"), QStringLiteral("--studies")});
        QCOMPARE(anonymous.exitCode, 2);
        QVERIFY2(anonymous.out.isEmpty() && anonymous.err.join(QLatin1Char(' ')).contains(QStringLiteral("--user")), qPrintable(describe(anonymous)));
        const CliRun wrong = as(QStringLiteral("alice"), m_wrongPassword, {QStringLiteral("ls"), QStringLiteral("--studies")});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY(wrong.out.isEmpty());
        const CliRun right = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("ls"), QStringLiteral("--studies")});
        QVERIFY2(right.exitCode == 0, qPrintable(describe(right)));
        QVERIFY(right.out.join(QLatin1Char(' ')).contains(m_study.studyInstanceUid));

        const CliRun bob = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("bob"),
                                                                         QStringLiteral("--role"), QStringLiteral("staff"),
                                                                         QStringLiteral("--password-file"), m_bobPassword});
        QVERIFY2(bob.exitCode == 0, qPrintable(describe(bob)));
        const CliRun users = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("users"), QStringLiteral("list")});
        QCOMPARE(users.out, (QStringList{QStringLiteral("alice\tadmin\tpassword-only\tactive"), QStringLiteral("bob\tstaff\tpassword-only\tactive")}));
    }

    void rolesDecideWhatEachMayDo() {
        const CliRun refused = as(QStringLiteral("bob"), m_bobPassword, {QStringLiteral("users"), QStringLiteral("list")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.join(QLatin1Char(' ')).contains(QStringLiteral("only an administrator")), qPrintable(describe(refused)));
        const CliRun audit = as(QStringLiteral("bob"), m_bobPassword, {QStringLiteral("audit"), QStringLiteral("list")});
        QCOMPARE(audit.exitCode, 2);
        const CliRun nodes = as(QStringLiteral("bob"), m_bobPassword, {QStringLiteral("nodes"), QStringLiteral("add"), QStringLiteral("PACS"),
                                                                       QStringLiteral("--aet"), QStringLiteral("PACS"), QStringLiteral("--host"),
                                                                       QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("104")});
        QCOMPARE(nodes.exitCode, 2);
        const CliRun deleted = as(QStringLiteral("bob"), m_bobPassword, {QStringLiteral("delete"), m_study.studyInstanceUid});
        QCOMPARE(deleted.exitCode, 2);
        QVERIFY2(deleted.err.join(QLatin1Char(' ')).contains(QStringLiteral("only an administrator deletes studies")), qPrintable(describe(deleted)));
        const CliRun sign = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("report"), QStringLiteral("create"), QStringLiteral("--study"),
                                                                          m_study.studyInstanceUid});
        QCOMPARE(sign.exitCode, 2);  // an administrator is not a radiologist
        QVERIFY2(sign.err.join(QLatin1Char(' ')).contains(QStringLiteral("only a radiologist")), qPrintable(describe(sign)));
        // The environment carries the password as well as a file does; staff may list.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TELERAD_PASSWORD"), QStringLiteral("bob-long-password"));
        const CliRun listed = test::runCli({QStringLiteral("--home"), m_home.path(), QStringLiteral("--user"), QStringLiteral("bob"),
                                            QStringLiteral("ls"), QStringLiteral("--studies")}, 60000, environment);
        QVERIFY2(listed.exitCode == 0, qPrintable(describe(listed)));
    }

    void everyCommandIsAuditedUnderItsUser() {
        const QList<QStringList> records = rows(as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("audit"), QStringLiteral("list")}));
        QVERIFY(records.size() >= 10);
        const QList<QStringList> failed = withAction(records, QStringLiteral("login-failed"));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.front().value(2), QStringLiteral("alice"));
        QCOMPARE(failed.front().value(5), QStringLiteral("failure"));
        const QList<QStringList> denied = withAction(records, QStringLiteral("access-denied"));
        QCOMPARE(denied.size(), 5);
        QCOMPARE(denied.front().value(2), QStringLiteral("bob"));
        QCOMPARE(denied.front().value(3), QStringLiteral("staff"));
        const QList<QStringList> listings = withAction(records, QStringLiteral("archive-listed"));
        QVERIFY(listings.size() >= 3);
        QCOMPARE(listings.last().value(2), QStringLiteral("bob"));
        QVERIFY(!withAction(records, QStringLiteral("user-changed")).isEmpty());
        QVERIFY(withAction(records, QStringLiteral("login")).size() >= 4);  // each command of an account
        // Sequence numbers follow each other: nothing was skipped.
        for (int i = 1; i < records.size(); ++i) QCOMPARE(records[i].value(0).toInt(), records[i - 1].value(0).toInt() + 1);
    }

    void exportIsOneDicomAuditMessagePerRecord() {
        const QString xmlFile = m_input.filePath(QStringLiteral("audit.xml"));
        const CliRun exported = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("audit"), QStringLiteral("export"),
                                                                              QStringLiteral("--out"), xmlFile});
        QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
        const QRegularExpression summary(QStringLiteral("^exported (\\d+) audit records to (.+)$"));
        const auto match = summary.match(exported.out.value(0));
        QVERIFY2(match.hasMatch() && match.captured(2) == xmlFile, qPrintable(describe(exported)));
        QFile file(xmlFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int messages = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("AuditMessage")) ++messages;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(messages, match.captured(1).toInt());
    }

    void secondFactorIsAskedOnceEnrolled() {
        const CliRun enrolled = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("users"), QStringLiteral("totp"), QStringLiteral("bob")});
        QVERIFY2(enrolled.exitCode == 0, qPrintable(describe(enrolled)));
        const QString uri = enrolled.out.value(0);
        QVERIFY2(uri.startsWith(QStringLiteral("otpauth://totp/")), qPrintable(uri));
        QVERIFY(enrolled.out.size() > 10);  // the QR code, drawn with half blocks
        const QByteArray secret = totp::fromBase32(QUrlQuery(QUrl(uri)).queryItemValue(QStringLiteral("secret")));
        QCOMPARE(secret.size(), 20);
        const CliRun withoutCode = as(QStringLiteral("bob"), m_bobPassword, {QStringLiteral("ls")});
        QCOMPARE(withoutCode.exitCode, 2);
        const QString code = totp::code(secret, totp::stepAt(QDateTime::currentSecsSinceEpoch()));
        const CliRun withCode = cli({QStringLiteral("--user"), QStringLiteral("bob"), QStringLiteral("--password-file"), m_bobPassword,
                                     QStringLiteral("--totp"), code, QStringLiteral("ls")});
        QVERIFY2(withCode.exitCode == 0, qPrintable(describe(withCode)));
        const CliRun replayed = cli({QStringLiteral("--user"), QStringLiteral("bob"), QStringLiteral("--password-file"), m_bobPassword,
                                     QStringLiteral("--totp"), code, QStringLiteral("ls")});
        QCOMPARE(replayed.exitCode, 2);
    }

    void verifyPassesOnlyWhileTheChainIsIntact() {
        const CliRun intact = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(intact.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^audit trail intact: \\d+ records$")).match(intact.out.value(0)).hasMatch(),
                 qPrintable(describe(intact)));
        // Someone with the file rewrites who imported the study.
        {
            auto database = SqliteDatabase::open(m_home.filePath(QStringLiteral("audit.sqlite")),
                                                 QStringLiteral(":/telerad/core/security/audit-v1.sql"), 1);
            QVERIFY(database.ok());
            auto changed = database->update(QStringLiteral("UPDATE audit SET user = 'nobody' WHERE action = 'study-imported'"));
            QVERIFY(changed.ok() && changed.value() == 1);
        }
        const CliRun broken = as(QStringLiteral("alice"), m_alicePassword, {QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(QRegularExpression(QStringLiteral("^audit trail broken at record \\d+: record \\d+ was altered after it was written$"))
                     .match(broken.out.value(0)).hasMatch(), qPrintable(describe(broken)));
    }

private:
    CliRun cli(const QStringList& arguments) const {
        return test::runCli(QStringList{QStringLiteral("--home"), m_home.path()} + arguments, 60000);
    }
    CliRun as(const QString& user, const QString& passwordFile, const QStringList& arguments) const {
        return cli(QStringList{QStringLiteral("--user"), user, QStringLiteral("--password-file"), passwordFile} + arguments);
    }

    QTemporaryDir m_home, m_input;
    DemoStudy m_study;
    QString m_alicePassword, m_bobPassword, m_wrongPassword;
};

QTEST_GUILESS_MAIN(SecurityCliTest)
#include "tst_security_cli.moc"
