// The demo study generator writes CT files whose geometry and HU values are exactly what the
// phantom defines, and the volume loader reads them back into the same geometry and values.

#include "TestSupport.h"

#include "dicom/CtPhantom.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/VolumeLoader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace telerad;

namespace {

DemoStudySpec smallSpec() {
    DemoStudySpec spec;
    spec.rows = 48;
    spec.columns = 64;
    spec.slices = 12;
    spec.pixelSpacingMm = 6.0;
    spec.sliceSpacingMm = 3.0;
    return spec;
}

// The HU the generator must have written at column c, row r, slice k of `spec`.
int expectedHu(const DemoStudySpec& spec, int c, int r, int k) {
    const double x = -(spec.columns - 1) * spec.pixelSpacingMm / 2 + c * spec.pixelSpacingMm;
    const double y = -(spec.rows - 1) * spec.pixelSpacingMm / 2 + r * spec.pixelSpacingMm;
    const double phantomZ = k * spec.sliceSpacingMm * CtPhantom::kLengthMm /
                            ((spec.slices - 1) * spec.sliceSpacingMm);
    const double hu = std::round(CtPhantom::noisyHuAt(x, y, phantomZ));
    return static_cast<int>(std::clamp(hu, -1024.0, 4095.0 - 1024.0));
}

}  // namespace

class DemoStudyGeneratorTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void defaultStudyIsAFullCtVolume() {
        const DemoStudySpec spec;
        QVERIFY(spec.slices >= 128);
        QCOMPARE(spec.rows, 512);
        QCOMPARE(spec.columns, 512);
    }

    void phantomHasRealisticHounsfieldUnits() {
        QCOMPARE(CtPhantom::huAt(0, -200, 100), -1000.0);  // air in front of the patient
        QCOMPARE(CtPhantom::huAt(0, 60, 100), 260.0);      // cancellous bone of a vertebra
        QVERIFY(CtPhantom::huAt(-70, 5, 200) < -800);      // right lung
        QCOMPARE(CtPhantom::huAt(-60, -10, 100), 62.0);    // liver
        QCOMPARE(CtPhantom::huAt(20, 40, 100), 260.0);     // contrast-filled aorta
    }

    void filesCarryTheGeneratedGeometryAndValues() {
        QTemporaryDir dir;
        const DemoStudySpec spec = smallSpec();
        auto study = DemoStudyGenerator::write(dir.path(), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        QCOMPARE(study->files.size(), spec.slices);

        for (int k : {0, 5, spec.slices - 1}) {
            DcmFileFormat file;
            QVERIFY(file.loadFile(study->files.at(k).toLocal8Bit().constData()).good());
            DcmDataset& ds = *file.getDataset();
            Float64 z = 0, spacing = 0, intercept = 0;
            QVERIFY(ds.findAndGetFloat64(DCM_ImagePositionPatient, z, 2).good());
            QCOMPARE(z, k * spec.sliceSpacingMm);
            QVERIFY(ds.findAndGetFloat64(DCM_PixelSpacing, spacing, 1).good());
            QCOMPARE(spacing, spec.pixelSpacingMm);
            QVERIFY(ds.findAndGetFloat64(DCM_RescaleIntercept, intercept).good());
            QCOMPARE(intercept, -1024.0);
            const Uint16* pixels = nullptr;
            QVERIFY(ds.findAndGetUint16Array(DCM_PixelData, pixels).good());
            for (int r = 0; r < spec.rows; r += 7)
                for (int c = 0; c < spec.columns; c += 5)
                    QCOMPARE(int(pixels[r * spec.columns + c]) + intercept, double(expectedHu(spec, c, r, k)));
        }
    }

    void volumeLoaderRestoresGeometryAndHuWhateverTheFileOrder() {
        QTemporaryDir dir;
        const DemoStudySpec spec = smallSpec();
        auto study = DemoStudyGenerator::write(dir.path(), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        QStringList shuffled = study->files;
        std::reverse(shuffled.begin(), shuffled.end());
        std::swap(shuffled[2], shuffled[7]);

        auto volume = VolumeLoader::load(shuffled);
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        const VolumeGeometry& g = volume.value()->geometry;
        QCOMPARE(g.dimensions[0], spec.columns);
        QCOMPARE(g.dimensions[1], spec.rows);
        QCOMPARE(g.dimensions[2], spec.slices);
        QCOMPARE(g.spacing[0], spec.pixelSpacingMm);
        QCOMPARE(g.spacing[2], spec.sliceSpacingMm);
        QCOMPARE(g.origin[0], -(spec.columns - 1) * spec.pixelSpacingMm / 2);
        QCOMPARE(g.origin[2], 0.0);
        QCOMPARE(g.sliceDirection[2], 1.0);
        for (int k = 0; k < spec.slices; ++k)
            for (int r = 0; r < spec.rows; r += 3)
                for (int c = 0; c < spec.columns; c += 3)
                    QCOMPARE(int(volume.value()->valueAt(c, r, k)), expectedHu(spec, c, r, k));
        QCOMPARE(volume.value()->description.patientId, QStringLiteral("TELERAD-DEMO"));
        QVERIFY(!volume.value()->description.windows.empty());
    }

    void existingStudyIsReusedNotRegenerated() {
        QTemporaryDir dir;
        auto first = DemoStudyGenerator::write(dir.path(), smallSpec());
        QVERIFY2(first.ok(), qPrintable(first.error()));
        auto again = DemoStudyGenerator::ensure(dir.path(), smallSpec());
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->studyInstanceUid, first->studyInstanceUid);
        QCOMPARE(again->files, first->files);
    }

    void interruptedGenerationLeavesNoCompleteStudy() {
        QTemporaryDir dir;
        std::atomic_bool cancel{true};
        auto study = DemoStudyGenerator::write(dir.path(), smallSpec(), {}, &cancel);
        QVERIFY(!study.ok());
        QVERIFY(!DemoStudyGenerator::existing(dir.path()).ok());
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.part")}).isEmpty());
    }

    void invalidSpecIsRefusedWithAReason() {
        QTemporaryDir dir;
        DemoStudySpec spec = smallSpec();
        spec.sliceSpacingMm = 0;
        auto study = DemoStudyGenerator::write(dir.path(), spec);
        QVERIFY(!study.ok());
        QVERIFY(study.error().contains(QStringLiteral("spacing")));
    }

    void loaderNamesTheFileThatIsNotDicom() {
        QTemporaryDir dir;
        auto study = DemoStudyGenerator::write(dir.path(), smallSpec());
        QVERIFY2(study.ok(), qPrintable(study.error()));
        const QString junk = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not DICOM");
        file.close();
        auto volume = VolumeLoader::load(study->files + QStringList{junk});
        QVERIFY(!volume.ok());
        QVERIFY2(volume.error().contains(junk), qPrintable(volume.error()));
    }
};

QTEST_GUILESS_MAIN(DemoStudyGeneratorTest)
#include "tst_demo_study_generator.moc"
