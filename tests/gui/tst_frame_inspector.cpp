// The blank-frame check used by render-test and the GUI tests tells pictures from blanks.

#include "TestSupport.h"

#include "vtk/FrameInspector.h"

#include <QPainter>
#include <QTest>

using namespace telerad;

class FrameInspectorTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void uniformAndEmptyFramesAreBlank() {
        QImage black(64, 64, QImage::Format_RGB32);
        black.fill(Qt::black);
        QVERIFY(isBlankFrame(black));
        QImage grey(64, 64, QImage::Format_RGB32);
        grey.fill(QColor(120, 120, 120));
        QVERIFY(isBlankFrame(grey));
        QVERIFY(isBlankFrame(QImage()));
    }

    void aFrameWithAnObjectIsNotBlank() {
        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(Qt::black);
        QPainter painter(&image);
        painter.fillRect(16, 16, 32, 32, Qt::white);
        painter.end();
        QVERIFY(!isBlankFrame(image));
        const FrameStatistics stats = inspectFrame(image);
        QCOMPARE(stats.distinctGrayLevels, 2);
        QCOMPARE(stats.fractionUnlikeCorner, 0.25);
    }

    void aGradientHasManyGrayLevels() {
        QImage image(256, 8, QImage::Format_RGB32);
        for (int x = 0; x < 256; ++x)
            for (int y = 0; y < 8; ++y) image.setPixelColor(x, y, QColor(x, x, x));
        QCOMPARE(inspectFrame(image).distinctGrayLevels, 256);
    }
};

QTEST_GUILESS_MAIN(FrameInspectorTest)
#include "tst_frame_inspector.moc"
