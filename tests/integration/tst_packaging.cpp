// The Debian package a hospital's IT installs: `cpack -G DEB` from this build gives a
// package whose programs run, whose dependencies name the libraries they load (the ones
// loaded at run time too), with a desktop entry that validates and a systemd unit for the
// headless DICOM service that systemd accepts without a warning.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run run(const QString& program, const QStringList& arguments, int timeoutMs = 300000) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) return {-1, {}, QStringLiteral("%1 did not finish").arg(program)};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace

class PackagingTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        const Run packed = run(QStringLiteral("cpack"), {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                                                         QStringLiteral(TELERAD_BINARY_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), m_work.path()});
        QVERIFY2(packed.exitCode == 0, qPrintable(packed.out + packed.err));
        const QStringList debs = QDir(m_work.path()).entryList({QStringLiteral("telerad_*_amd64.deb")});
        QCOMPARE(debs.size(), 1);
        m_deb = m_work.filePath(debs.front());
        m_root = m_work.filePath(QStringLiteral("root"));
        QVERIFY(run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_root}).exitCode == 0);
    }

    void itHoldsTheProgramsTheServiceTheDesktopEntryAndTheReadme() {
        for (const char* file : {"usr/bin/telerad", "usr/bin/telerad-cli", "usr/bin/telerad-render", "usr/lib/systemd/system/telerad-serve.service",
                                 "usr/share/applications/telerad.desktop", "usr/share/icons/hicolor/scalable/apps/telerad.svg",
                                 "usr/share/doc/telerad/README.md"})
            QVERIFY2(QFile::exists(m_root + QLatin1Char('/') + QLatin1String(file)), file);
        // Stripped, and still what it was: the packaged command line runs.
        const Run version = run(m_root + QStringLiteral("/usr/bin/telerad-cli"), {QStringLiteral("--version")});
        QCOMPARE(version.out.trimmed(), QStringLiteral("telerad-cli " TELERAD_VERSION));
    }

    void itDependsOnWhatItLoads() {
        const Run depends = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
        QCOMPARE(depends.exitCode, 0);
        // Linked (found by dpkg-shlibdeps) and loaded at run time (named by us).
        for (const char* package : {"libdcmtk17", "libqt6core6", "libqt6widgets6", "libvtk9.1", "libssl3", "libopenjp2-7", "libqt6sql6-sqlite",
                                    "qt6-qpa-plugins"})
            QVERIFY2(depends.out.contains(QLatin1String(package)), qPrintable(QStringLiteral("%1 missing from: %2").arg(QLatin1String(package), depends.out)));
    }

    void theDesktopEntryValidates() {
        const Run validated = run(QStringLiteral("desktop-file-validate"), {m_root + QStringLiteral("/usr/share/applications/telerad.desktop")});
        QVERIFY2(validated.exitCode == 0 && !validated.out.contains(QLatin1String("error")), qPrintable(validated.out + validated.err));
    }

    // systemd-analyze verify warns on stderr (unknown keys, bad values) and still exits 0:
    // both must be clean. Its ExecStart points at the packaged telerad-cli so that it exists.
    void systemdAcceptsTheServiceUnitAndItsCommandLineParses() {
        QFile unit(m_root + QStringLiteral("/usr/lib/systemd/system/telerad-serve.service"));
        QVERIFY(unit.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(unit.readAll());
        QVERIFY(text.contains(QLatin1String("ExecStart=/usr/bin/telerad-cli --home /var/lib/telerad serve")));
        const QString checked = m_work.filePath(QStringLiteral("telerad-serve.service"));
        QFile copy(checked);
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(QString(text).replace(QLatin1String("/usr/bin/telerad-cli"), m_root + QStringLiteral("/usr/bin/telerad-cli")).toUtf8());
        copy.close();
        const Run verified = run(QStringLiteral("systemd-analyze"), {QStringLiteral("verify"), QStringLiteral("--man=no"), checked});
        QVERIFY2(verified.exitCode == 0 && verified.err.trimmed().isEmpty(), qPrintable(verified.out + verified.err));
        const Run help = run(m_root + QStringLiteral("/usr/bin/telerad-cli"),
                             {QStringLiteral("--home"), m_work.filePath(QStringLiteral("home")), QStringLiteral("serve"), QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0 && help.out.contains(QLatin1String("--no-tls")), qPrintable(help.out + help.err));
    }

private:
    QTemporaryDir m_work;
    QString m_deb, m_root;
};

QTEST_GUILESS_MAIN(PackagingTest)

#include "tst_packaging.moc"
