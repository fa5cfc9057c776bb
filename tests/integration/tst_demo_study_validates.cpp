// An independent IOD validator (dciodvfy, from dicom3tools) finds no error in the demo CT.

#include "TestSupport.h"

#include "dicom/DemoStudyGenerator.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

class DemoStudyValidatesTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void dciodvfyReportsNoErrors() {
        const QString dciodvfy = QStandardPaths::findExecutable(QStringLiteral("dciodvfy"));
        QVERIFY2(!dciodvfy.isEmpty(), "dciodvfy not found: run packaging/install-deps.sh");
        QTemporaryDir dir;
        DemoStudySpec spec;  // full-size rows/columns, fewer slices: the same attributes
        spec.slices = 6;
        auto study = DemoStudyGenerator::write(dir.path(), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        for (const QString& file : {study->files.first(), study->files.last()}) {
            QProcess process;
            process.start(dciodvfy, {file});
            QVERIFY(process.waitForFinished(60000));
            const QString output = QString::fromLocal8Bit(process.readAllStandardError() + process.readAllStandardOutput());
            QVERIFY2(output.contains(QStringLiteral("CTImage")), qPrintable(output));
            const QRegularExpression error(QStringLiteral("^Error"), QRegularExpression::MultilineOption);
            QVERIFY2(!error.match(output).hasMatch(), qPrintable(file + QStringLiteral(":\n") + output));
        }
    }
};

QTEST_GUILESS_MAIN(DemoStudyValidatesTest)
#include "tst_demo_study_validates.moc"
