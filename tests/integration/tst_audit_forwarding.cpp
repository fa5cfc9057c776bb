// The audit trail forwarded to an audit record repository as it happens: syslog over mutual
// TLS (RFC 5425 octet-counted RFC 5424 messages) to a real TLS server on loopback (OpenSSL's
// s_server with a certificate from the test CA, asking for ours); records written while the
// repository is down follow once it is back, none lost, none twice.

#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "dicom/DemoStudyGenerator.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

// Splits what the repository received into RFC 5425 frames ("LENGTH SP MESSAGE").
QList<QByteArray> framesOf(const QByteArray& stream, bool* wellFormed) {
    QList<QByteArray> frames;
    qsizetype at = 0;
    *wellFormed = true;
    while (at < stream.size()) {
        const qsizetype space = stream.indexOf(' ', at);
        bool isNumber = false;
        const qsizetype length = space > at ? stream.mid(at, space - at).toLongLong(&isNumber) : 0;
        if (!isNumber || length <= 0 || space + 1 + length > stream.size()) {
            *wellFormed = false;
            break;
        }
        frames << stream.mid(space + 1, length);
        at = space + 1 + length;
    }
    return frames;
}

}  // namespace

class AuditForwardingTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(pki.ok());
        QVERIFY(site.enrol(pki));
        repositoryFiles = pki.issue(QStringLiteral("AUDITREPO"));
        QCOMPARE(repositoryFiles.size() >= 2, true);
        DemoStudySpec spec;
        spec.rows = spec.columns = 32;
        spec.slices = 2;
        for (const char* name : {"first", "second"}) {
            spec.patientId = QString::fromLatin1(name).toUpper();
            auto study = DemoStudyGenerator::write(input.filePath(QString::fromLatin1(name)), spec);
            QVERIFY2(study.ok(), qPrintable(study.error()));
            studyFiles << study->files;
        }
    }
    void cleanupTestCase() { stopRepository(); }
    void init() { test::failOnUnexpectedWarnings(); }

    void recordsGoToTheRepositoryAsTheyHappen() {
        startRepository();
        const test::ToolRun configured = site.cli({QStringLiteral("audit"), QStringLiteral("forward"), QStringLiteral("--host"),
                                                   QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(port)});
        QVERIFY2(configured.exitCode == 0, qPrintable(configured.out + configured.err));
        QVERIFY2(QRegularExpression(QStringLiteral("^forwarded \\d+ audit records to 127.0.0.1:%1$").arg(port)).match(configured.out.trimmed()).hasMatch(),
                 qPrintable(configured.out));
        QCOMPARE(site.cli(QStringList{QStringLiteral("import")} + studyFiles[0]).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(received().contains("FIRST"), 10000);

        bool wellFormed = false;
        const QList<QByteArray> frames = framesOf(received(), &wellFormed);
        QVERIFY2(wellFormed, received().constData());
        QVERIFY(frames.size() >= 3);  // the certificate import, the forwarding set up, the import
        for (const QByteArray& frame : frames) {
            QVERIFY2(frame.startsWith("<85>1 ") && frame.contains(" telerad ") && frame.contains(" IHE+RFC-3881 - <?xml"), frame.constData());
            QVERIFY(frame.contains("<AuditMessage>") && frame.trimmed().endsWith("</AuditMessage>"));
        }
        QVERIFY(frames.last().contains("csd-code=\"110107\""));  // Import
        QCOMPARE(countOf(frames, "FIRST"), 1);
    }

    void recordsWrittenWhileItIsDownFollowWhenItIsBack() {
        stopRepository();
        const test::ToolRun imported = site.cli(QStringList{QStringLiteral("import")} + studyFiles[1]);
        QCOMPARE(imported.exitCode, 0);  // the work goes on; the records wait in the trail
        QVERIFY2(imported.err.contains(QStringLiteral("audit repository 127.0.0.1:%1").arg(port)), qPrintable(imported.err));
        const QByteArray before = received();
        startRepository();
        const test::ToolRun resent = site.cli({QStringLiteral("audit"), QStringLiteral("forward")});
        QVERIFY2(resent.exitCode == 0, qPrintable(resent.out + resent.err));
        QTRY_VERIFY_WITH_TIMEOUT(received().contains("SECOND"), 10000);
        bool wellFormed = false;
        const QList<QByteArray> frames = framesOf(received(), &wellFormed);
        QVERIFY(wellFormed);
        QCOMPARE(countOf(frames, "SECOND"), 1);
        QCOMPARE(countOf(frames, "FIRST"), 1);  // not sent twice
        QVERIFY(received().size() > before.size());
    }

private:
    static int countOf(const QList<QByteArray>& frames, const QByteArray& patient) {
        int count = 0;
        for (const QByteArray& frame : frames) count += frame.contains("ParticipantObjectID=\"" + patient + "\"");
        return count;
    }
    void startRepository() {
        if (port == 0) port = test::freePort();
        repository = std::make_unique<QProcess>();
        repository->start(QStringLiteral("openssl"), {QStringLiteral("s_server"), QStringLiteral("-accept"), QString::number(port),
                                                      QStringLiteral("-key"), repositoryFiles[0], QStringLiteral("-cert"), repositoryFiles[1],
                                                      QStringLiteral("-CAfile"), pki.caCertificate(), QStringLiteral("-Verify"),
                                                      QStringLiteral("2"), QStringLiteral("-quiet")});
        QVERIFY(repository->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(test::runTool(QStringLiteral("bash"), {QStringLiteral("-c"),
                                     QStringLiteral("exec 3<>/dev/tcp/127.0.0.1/%1").arg(port)}).exitCode == 0, 10000);
    }
    void stopRepository() {
        if (!repository) return;
        m_received += repository->readAllStandardOutput();
        repository->kill();
        repository->waitForFinished();
        m_received += repository->readAllStandardOutput();
        repository.reset();
    }
    QByteArray received() {
        if (repository) m_received += repository->readAllStandardOutput();
        return m_received;
    }

    TestPki pki{kCli};
    Site site{kCli, QStringLiteral("CLINIC")};
    QTemporaryDir input;
    QStringList repositoryFiles;
    QList<QStringList> studyFiles;
    quint16 port = 0;
    std::unique_ptr<QProcess> repository;
    QByteArray m_received;
};

QTEST_GUILESS_MAIN(AuditForwardingTest)
#include "tst_audit_forwarding.moc"
