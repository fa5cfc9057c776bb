// The security core: the audit trail's hash chain catches every kind of tampering, its DICOM
// audit message export is well-formed, TOTP matches RFC 6238, and accounts hash passwords
// with scrypt, lock after repeated failures and keep roles apart.

#include "TestSupport.h"

#include "common/SqliteDatabase.h"
#include "security/AuditTrail.h"
#include "security/QrCode.h"
#include "security/Totp.h"
#include "security/UserAccounts.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

using namespace telerad;

namespace {

AuditEvent viewed(const QString& patient, const QString& study) {
    return {QString(audit::kStudyViewed), true, patient, study, {}, QStringLiteral("series 1.2.3")};
}

// Tampers with audit.sqlite directly, as someone with access to the file would.
void tamper(const QString& root, const QString& sql) {
    auto database = SqliteDatabase::open(root + QStringLiteral("/audit.sqlite"),
                                         QStringLiteral(":/telerad/core/security/audit-v1.sql"), 1);
    QVERIFY2(database.ok(), qPrintable(database.error()));
    auto changed = database->update(sql);
    QVERIFY2(changed.ok(), qPrintable(changed.error()));
    QVERIFY(changed.value() > 0);
}

// A trail of five records in `root`.
void writeFiveRecords(const QString& root) {
    auto trail = AuditTrail::open(root);
    QVERIFY2(trail.ok(), qPrintable(trail.error()));
    for (int i = 1; i <= 5; ++i) {
        Status s = trail->record(viewed(QStringLiteral("PAT%1").arg(i), QStringLiteral("1.2.%1").arg(i)));
        QVERIFY2(s.ok(), qPrintable(s.error()));
    }
}

AuditCheck check(const QString& root) {
    auto trail = AuditTrail::open(root);
    if (!trail.ok()) return {false, 0, -1, trail.error()};
    auto checked = trail->verify();
    return checked.ok() ? checked.value() : AuditCheck{false, 0, -1, checked.error()};
}

// The secret inside an otpauth:// enrolment URI.
QByteArray secretOf(const QString& uri) {
    return totp::fromBase32(QUrlQuery(QUrl(uri)).queryItemValue(QStringLiteral("secret")));
}

QString currentCode(const QByteArray& secret, qint64 stepOffset = 0) {
    return totp::code(secret, totp::stepAt(QDateTime::currentSecsSinceEpoch()) + stepOffset);
}

}  // namespace

class SecurityTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void auditRecordsAreChainedAndFiltered() {
        QTemporaryDir dir;
        setAuditActor({QStringLiteral("dr.martin"), QStringLiteral("radiologist")});
        writeFiveRecords(dir.path());
        setAuditActor({});
        auto trail = AuditTrail::open(dir.path());
        QVERIFY(trail.ok());
        auto all = trail->list();
        QVERIFY2(all.ok(), qPrintable(all.error()));
        QCOMPARE(all->size(), 5);
        QCOMPARE(all->first().previousHash, QString(64, QLatin1Char('0')));
        for (int i = 1; i < all->size(); ++i) {
            QCOMPARE(all->at(i).sequence, i + 1);
            QCOMPARE(all->at(i).previousHash, all->at(i - 1).hash);
        }
        QCOMPARE(all->first().user, QStringLiteral("dr.martin"));
        QCOMPARE(all->first().role, QStringLiteral("radiologist"));
        QCOMPARE(all->first().time.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(all->first().time.secsTo(QDateTime::currentDateTimeUtc())) < 60);

        auto one = trail->list({QStringLiteral("PAT3"), {}, {}, {}, {}});
        QVERIFY(one.ok());
        QCOMPARE(one->size(), 1);
        QCOMPARE(one->first().event.studyUid, QStringLiteral("1.2.3"));
        auto future = trail->list({{}, {}, {}, QDateTime::currentDateTimeUtc().addSecs(3600), {}});
        QVERIFY(future.ok());
        QVERIFY(future->isEmpty());
        const AuditCheck intact = check(dir.path());
        QVERIFY2(intact.intact, qPrintable(intact.problem));
        QCOMPARE(intact.records, 5);
    }

    void anEditedRecordIsDetected() {
        QTemporaryDir dir;
        writeFiveRecords(dir.path());
        tamper(dir.path(), QStringLiteral("UPDATE audit SET patient_id = 'SOMEONE-ELSE' WHERE seq = 3"));
        const AuditCheck broken = check(dir.path());
        QVERIFY(!broken.intact);
        QCOMPARE(broken.brokenAt, 3);
        QVERIFY2(broken.problem.contains(QStringLiteral("altered")), qPrintable(broken.problem));
    }

    void anEditedRecordWithItsHashRecomputedBreaksTheNextLink() {
        QTemporaryDir dir;
        writeFiveRecords(dir.path());
        // Whoever edits record 2 and gives it a made-up hash still breaks record 3's link.
        tamper(dir.path(), QStringLiteral("UPDATE audit SET hash = 'ab' || substr(hash, 3) WHERE seq = 2"));
        const AuditCheck broken = check(dir.path());
        QVERIFY(!broken.intact);
        QCOMPARE(broken.brokenAt, 2);
    }

    void aDeletedRecordIsDetected() {
        QTemporaryDir dir;
        writeFiveRecords(dir.path());
        tamper(dir.path(), QStringLiteral("DELETE FROM audit WHERE seq = 2"));
        const AuditCheck broken = check(dir.path());
        QVERIFY(!broken.intact);
        QCOMPARE(broken.brokenAt, 2);
        QVERIFY2(broken.problem.contains(QStringLiteral("missing")), qPrintable(broken.problem));
    }

    void recordsCutOffTheEndAreDetected() {
        QTemporaryDir dir;
        writeFiveRecords(dir.path());
        tamper(dir.path(), QStringLiteral("DELETE FROM audit WHERE seq >= 4"));
        const AuditCheck broken = check(dir.path());
        QVERIFY(!broken.intact);
        QCOMPARE(broken.brokenAt, 4);
        QVERIFY2(broken.problem.contains(QStringLiteral("cut off")), qPrintable(broken.problem));
    }

    void concurrentWritersKeepOneChain() {
        QTemporaryDir dir;
        const QString root = dir.path();
        QList<QThread*> threads;
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([root, t] {
                for (int i = 0; i < 25; ++i)
                    (void)recordAudit(root, viewed(QStringLiteral("T%1").arg(t), QStringLiteral("1.%1.%2").arg(t).arg(i)));
            });
            threads.last()->start();
        }
        for (QThread* thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        const AuditCheck intact = check(root);
        QVERIFY2(intact.intact, qPrintable(intact.problem));
        QCOMPARE(intact.records, 100);
    }

    void exportIsWellFormedDicomAuditMessages() {
        QTemporaryDir dir;
        writeFiveRecords(dir.path());
        (void)recordAudit(dir.path(), {QString(audit::kLoginFailed), false, {}, {}, {}, QStringLiteral("wrong <password> & \"quotes\"")});
        auto trail = AuditTrail::open(dir.path());
        auto records = trail->list();
        QVERIFY(records.ok());
        const QByteArray xml = auditMessagesXml(records.value(), QStringLiteral("TELERAD_TEST"));
        QXmlStreamReader reader(xml);
        int messages = 0, studies = 0, failures = 0;
        QStringList eventIds;
        while (!reader.atEnd()) {
            reader.readNext();
            if (!reader.isStartElement()) continue;
            if (reader.name() == QLatin1String("AuditMessage")) ++messages;
            if (reader.name() == QLatin1String("EventIdentification") &&
                reader.attributes().value(QLatin1String("EventOutcomeIndicator")) != QLatin1String("0"))
                ++failures;
            if (reader.name() == QLatin1String("EventID"))
                eventIds << reader.attributes().value(QLatin1String("csd-code")).toString();
            if (reader.name() == QLatin1String("ParticipantObjectIdentification") &&
                reader.attributes().value(QLatin1String("ParticipantObjectID")).startsWith(QLatin1String("1.2.")))
                ++studies;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(messages, 6);
        QCOMPARE(studies, 5);
        QCOMPARE(failures, 1);
        QCOMPARE(eventIds.count(QStringLiteral("110103")), 5);  // DICOM Instances Accessed
        QCOMPARE(eventIds.count(QStringLiteral("110114")), 1);  // User Authentication
    }

    void everyActionHasADicomEventCode() {
        for (QLatin1String action : {audit::kStudyViewed, audit::kStudyImported, audit::kStudyExported, audit::kStudyDeleted,
                                     audit::kStudySent, audit::kStudyReceived, audit::kArchiveListed, audit::kQuerySent,
                                     audit::kRetrieveRequested, audit::kQueryByPeer, audit::kRetrieveByPeer,
                                     audit::kAssociationRefused, audit::kReportCreated, audit::kReportSigned,
                                     audit::kReportSent, audit::kReportReceived, audit::kReportVerified, audit::kReportViewed,
                                     audit::kRequestCreated, audit::kLogin, audit::kLogout, audit::kLoginFailed,
                                     audit::kAccessDenied, audit::kSettingsChanged, audit::kNodeChanged,
                                     audit::kCertificateChanged, audit::kUserChanged, audit::kAuditUsed,
                                     audit::kServiceStarted, audit::kServiceStopped}) {
            QVERIFY2(auditActionNames().contains(QString(action)), qPrintable(QString(action)));
            const AuditEventCode code = auditEventCode(QString(action));
            QVERIFY2(code.code.startsWith(QLatin1String("1101")), qPrintable(QString(action)));
            QVERIFY2(QStringLiteral("CRUDE").contains(code.actionCode) && code.actionCode.size() == 1, qPrintable(QString(action)));
        }
        QCOMPARE(auditActionNames().size(), 30);
    }

    void totpMatchesRfc6238() {
        // RFC 6238 appendix B, SHA-1: secret "12345678901234567890", T = 59 s and 1111111109 s.
        const QByteArray secret("12345678901234567890");
        QCOMPARE(totp::code(secret, totp::stepAt(59), 8), QStringLiteral("94287082"));
        QCOMPARE(totp::code(secret, totp::stepAt(1111111109), 8), QStringLiteral("07081804"));
        QCOMPARE(totp::code(secret, totp::stepAt(20000000000), 8), QStringLiteral("65353130"));
        QCOMPARE(totp::code(secret, totp::stepAt(59)), QStringLiteral("287082"));
        // RFC 4648 base32 round trip and the test vector "foobar" -> MZXW6YTBOI.
        QCOMPARE(totp::toBase32("foobar"), QStringLiteral("MZXW6YTBOI"));
        QCOMPARE(totp::fromBase32(QStringLiteral("MZXW6YTBOI")), QByteArray("foobar"));
        QVERIFY(totp::fromBase32(QStringLiteral("not base32!")).isEmpty());
        const QByteArray fresh = totp::newSecret();
        QCOMPARE(fresh.size(), 20);
        QCOMPARE(totp::fromBase32(totp::toBase32(fresh)), fresh);
    }

    void enrolmentQrCodeEncodesTheUri() {
        const QString uri = totp::enrolmentUri(QStringLiteral("Telerad"), QStringLiteral("dr.martin"), totp::newSecret());
        QVERIFY(uri.startsWith(QLatin1String("otpauth://totp/Telerad:dr.martin?")));
        auto qr = QrCode::encode(uri);
        QVERIFY2(qr.ok(), qPrintable(qr.error()));
        QVERIFY(qr->size() >= 21);  // version 1 is 21 modules; a 100-byte URI needs more
        const QStringList lines = qr->toTerminalText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), (qr->size() + 4 + 1) / 2);
    }

    void passwordsAreScryptHashedAndChecked() {
        auto stored = hashPassword(QStringLiteral("correct horse"));
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QVERIFY(stored->startsWith(QLatin1String("scrypt$32768$8$1$")));
        QVERIFY(!stored->contains(QLatin1String("correct horse")));
        QVERIFY(passwordMatches(QStringLiteral("correct horse"), stored.value()));
        QVERIFY(!passwordMatches(QStringLiteral("correct horsf"), stored.value()));
        QVERIFY(!passwordMatches(QStringLiteral("correct horse"), QStringLiteral("scrypt$garbage")));
        auto again = hashPassword(QStringLiteral("correct horse"));
        QVERIFY(again.ok());
        QVERIFY(again.value() != stored.value());  // a fresh salt each time
    }

    void firstAccountIsAnAdministratorAndTheLastOneCannotGo() {
        QTemporaryDir dir;
        auto accounts = UserAccounts::open(dir.path());
        QVERIFY2(accounts.ok(), qPrintable(accounts.error()));
        QCOMPARE(accounts->any().value(), false);
        auto first = accounts->add(QStringLiteral("alice"), Role::Radiologist, QStringLiteral("alice-password"));
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->role, Role::Admin);
        QCOMPARE(accounts->any().value(), true);
        QVERIFY(!accounts->add(QStringLiteral("alice"), Role::Staff, QStringLiteral("another-pw")).ok());
        auto shortPassword = accounts->add(QStringLiteral("bob"), Role::Staff, QStringLiteral("short"));
        QVERIFY(!shortPassword.ok());
        QVERIFY2(shortPassword.error().contains(QStringLiteral("8")), qPrintable(shortPassword.error()));
        auto bob = accounts->add(QStringLiteral("bob"), Role::Radiologist, QStringLiteral("bob-password"));
        QVERIFY(bob.ok());
        QCOMPARE(bob->role, Role::Radiologist);
        Status lastAdmin = accounts->remove(QStringLiteral("alice"));
        QVERIFY(!lastAdmin.ok());
        QVERIFY2(lastAdmin.error().contains(QStringLiteral("administrator")), qPrintable(lastAdmin.error()));
        QVERIFY(accounts->remove(QStringLiteral("bob")).ok());
        QCOMPARE(accounts->list()->size(), 1);
    }

    void repeatedFailuresLockTheAccount() {
        QTemporaryDir dir;
        auto accounts = UserAccounts::open(dir.path());
        QVERIFY(accounts->add(QStringLiteral("alice"), Role::Admin, QStringLiteral("alice-password")).ok());
        QVERIFY(accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), {}).ok());
        const LoginPolicy policy{3, 15};
        for (int i = 0; i < 3; ++i) QVERIFY(!accounts->authenticate(QStringLiteral("alice"), QStringLiteral("guess"), {}, policy).ok());
        auto locked = accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), {}, policy);
        QVERIFY(!locked.ok());
        QVERIFY2(locked.error().contains(QStringLiteral("locked")), qPrintable(locked.error()));
        auto unknown = accounts->authenticate(QStringLiteral("mallory"), QStringLiteral("alice-password"), {});
        QVERIFY(!unknown.ok());
    }

    void secondFactorIsRequiredOnceEnrolledAndNotReplayable() {
        QTemporaryDir dir;
        auto accounts = UserAccounts::open(dir.path());
        QVERIFY(accounts->add(QStringLiteral("alice"), Role::Admin, QStringLiteral("alice-password")).ok());
        auto uri = accounts->enrolSecondFactor(QStringLiteral("alice"));
        QVERIFY2(uri.ok(), qPrintable(uri.error()));
        const QByteArray secret = secretOf(uri.value());
        QCOMPARE(secret.size(), 20);
        QVERIFY(!accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), {}).ok());
        QVERIFY(!accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), QStringLiteral("000000")).ok() ||
                currentCode(secret) == QStringLiteral("000000"));
        const QString code = currentCode(secret);
        auto in = accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), code);
        QVERIFY2(in.ok(), qPrintable(in.error()));
        QVERIFY(in->secondFactor);
        auto replay = accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), code);
        QVERIFY(!replay.ok());
        QVERIFY(!accounts->authenticate(QStringLiteral("alice"), QStringLiteral("alice-password"), currentCode(secret, 5)).ok());
    }

    void rolesDecideWhatEachMayDo() {
        QVERIFY(roleAllows(Role::Radiologist, Permission::SignReports));
        QVERIFY(!roleAllows(Role::Staff, Permission::SignReports));
        QVERIFY(!roleAllows(Role::Admin, Permission::SignReports));
        for (Permission p : {Permission::ManageNodes, Permission::ManageUsers, Permission::ManageCertificates, Permission::ReadAuditTrail}) {
            QVERIFY(roleAllows(Role::Admin, p));
            QVERIFY(!roleAllows(Role::Radiologist, p));
            QVERIFY(!roleAllows(Role::Staff, p));
        }
        QVERIFY(permissionHolders(Permission::SignReports).contains(QStringLiteral("radiologist")));
    }

    void signInWithoutAccountsIsTheSystemUserAndAuditsFailures() {
        QTemporaryDir dir;
        auto alone = signIn(dir.path(), {});
        QVERIFY2(alone.ok(), qPrintable(alone.error()));
        QVERIFY(!alone->role);
        QVERIFY(alone->allows(Permission::ManageUsers));
        QVERIFY(!signIn(dir.path(), {QStringLiteral("alice"), QStringLiteral("x"), {}}).ok());

        auto accounts = UserAccounts::open(dir.path());
        QVERIFY(accounts->add(QStringLiteral("alice"), Role::Admin, QStringLiteral("alice-password")).ok());
        auto nobody = signIn(dir.path(), {});
        QVERIFY(!nobody.ok());
        QVERIFY2(nobody.error().contains(QStringLiteral("user name")), qPrintable(nobody.error()));
        QVERIFY(!signIn(dir.path(), {QStringLiteral("alice"), QStringLiteral("wrong-password"), {}}).ok());
        auto in = signIn(dir.path(), {QStringLiteral("alice"), QStringLiteral("alice-password"), {}});
        QVERIFY2(in.ok(), qPrintable(in.error()));
        QCOMPARE(in->actor.user, QStringLiteral("alice"));
        QCOMPARE(auditActor().user, QStringLiteral("alice"));
        setAuditActor({});
        auto failed = AuditTrail::open(dir.path())->list({{}, {}, QString(audit::kLoginFailed), {}, {}});
        QVERIFY(failed.ok());
        QVERIFY(failed->size() >= 1);
    }
};

QTEST_GUILESS_MAIN(SecurityTest)
#include "tst_security.moc"
