// The Qt 6 host widget renders VTK for real: pixels read back show the known scene's
// colours where they belong, after resizes and at any device pixel ratio, and Qt input
// reaches VTK's interactor at the right place.

#include "GuiTestMain.h"
#include "TestSupport.h"

#include "vtk/FrameInspector.h"
#include "vtk/KnownScene.h"
#include "vtk/VtkOpenGLWidget.h"

#include <QApplication>
#include <QTest>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericRenderWindowInteractor.h>

#include <cstdlib>
#include <vector>

using namespace telerad;

namespace {

bool sameColour(QColor a, QColor b, int tolerance = 2) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(QColor c) { return QStringLiteral("rgb(%1,%2,%3)").arg(c.red()).arg(c.green()).arg(c.blue()); }

struct RecordedEvent {
    unsigned long id;
    int x, y;
    bool control;
};

void recordEvent(vtkObject* caller, unsigned long id, void* clientData, void*) {
    auto* interactor = static_cast<vtkRenderWindowInteractor*>(caller);
    const int* position = interactor->GetEventPosition();
    static_cast<std::vector<RecordedEvent>*>(clientData)
        ->push_back({id, position[0], position[1], interactor->GetControlKey() != 0});
}

}  // namespace

class VtkOpenGLWidgetTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void rendersTheKnownSceneWithExactColours() {
        VtkOpenGLWidget widget;
        showKnownScene(widget, QSize(400, 300));
        if (QTest::currentTestFailed()) return;
        checkKnownScene(widget.grabFramebuffer(), widget.size() * widget.devicePixelRatioF(), "first");
    }

    void followsResizes() {
        VtkOpenGLWidget widget;
        showKnownScene(widget, QSize(300, 300));
        if (QTest::currentTestFailed()) return;
        widget.resize(640, 240);
        QTRY_COMPARE(widget.size(), QSize(640, 240));
        checkKnownScene(widget.grabFramebuffer(), widget.size() * widget.devicePixelRatioF(), "resized");
    }

    void blankFramesAreDetected() {
        VtkOpenGLWidget widget;  // nothing in the scene: one flat background colour
        widget.resize(200, 200);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QVERIFY(isBlankFrame(widget.grabFramebuffer()));
    }

    void mouseWheelAndKeysReachTheInteractorAtDevicePixelPositions() {
        VtkOpenGLWidget widget;
        showKnownScene(widget, QSize(400, 300));
        if (QTest::currentTestFailed()) return;
        std::vector<RecordedEvent> events;
        vtkNew<vtkCallbackCommand> recorder;
        recorder->SetCallback(recordEvent);
        recorder->SetClientData(&events);
        recorder->PassiveObserverOn();  // sees events even while the style holds the focus
        for (unsigned long id : {vtkCommand::LeftButtonPressEvent, vtkCommand::RightButtonReleaseEvent,
                                 vtkCommand::MouseWheelForwardEvent, vtkCommand::KeyPressEvent})
            widget.interactor()->AddObserver(id, recorder, 1.0);

        const qreal ratio = widget.devicePixelRatioF();
        QTest::mousePress(&widget, Qt::LeftButton, Qt::NoModifier, QPoint(10, 20));
        QTest::mouseRelease(&widget, Qt::LeftButton, Qt::NoModifier, QPoint(10, 20));
        QTest::mousePress(&widget, Qt::RightButton, Qt::ControlModifier, QPoint(30, 40));
        QTest::mouseRelease(&widget, Qt::RightButton, Qt::ControlModifier, QPoint(30, 40));
        QWheelEvent wheel(QPointF(50, 60), widget.mapToGlobal(QPointF(50, 60)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&widget, &wheel);
        QTest::keyClick(&widget, Qt::Key_PageUp);

        QCOMPARE(events.size(), size_t(4));
        const int deviceHeight = qRound(widget.height() * ratio);
        QCOMPARE(events[0].id, vtkCommand::LeftButtonPressEvent);
        QCOMPARE(events[0].x, qRound(10 * ratio));
        QCOMPARE(events[0].y, deviceHeight - qRound(20 * ratio) - 1);  // VTK's origin: bottom-left
        QCOMPARE(events[1].id, vtkCommand::RightButtonReleaseEvent);
        QVERIFY(events[1].control);
        QCOMPARE(events[2].id, vtkCommand::MouseWheelForwardEvent);
        QCOMPARE(events[2].x, qRound(50 * ratio));
        QCOMPARE(events[3].id, vtkCommand::KeyPressEvent);
        QCOMPARE(QByteArray(widget.interactor()->GetKeySym()), QByteArray("Prior"));
    }

    void survivesMovingToAnotherWindow() {
        QWidget first, second;
        auto* widget = new VtkOpenGLWidget(&first);
        widget->resize(200, 200);
        KnownScene::build(widget->renderer());
        first.resize(200, 200);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QVERIFY(!isBlankFrame(widget->grabFramebuffer()));
        second.resize(200, 200);
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        widget->setParent(&second);
        widget->show();
        checkKnownScene(widget->grabFramebuffer(), widget->size() * widget->devicePixelRatioF(), "reparented");
    }

private:
    void showKnownScene(VtkOpenGLWidget& widget, QSize size) {
        widget.resize(size);
        KnownScene::build(widget.renderer());
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
    }

    void checkKnownScene(const QImage& frame, QSizeF expectedSize, const char* when) {
        QVERIFY2(!frame.isNull(), when);
        QCOMPARE(frame.size(), expectedSize.toSize());
        const QPoint centre(frame.width() / 2, frame.height() / 2);
        const QColor atCentre = frame.pixelColor(centre);
        QVERIFY2(sameColour(atCentre, KnownScene::object()),
                 qPrintable(QStringLiteral("%1: centre is %2").arg(QLatin1String(when), describe(atCentre))));
        for (QPoint corner : {QPoint(2, 2), QPoint(frame.width() - 3, 2), QPoint(2, frame.height() - 3),
                              QPoint(frame.width() - 3, frame.height() - 3)}) {
            const QColor c = frame.pixelColor(corner);
            QVERIFY2(sameColour(c, KnownScene::background()),
                     qPrintable(QStringLiteral("%1: corner is %2").arg(QLatin1String(when), describe(c))));
            QCOMPARE(c.alpha(), 255);
        }
        QVERIFY(!isBlankFrame(frame));
    }
};

TELERAD_GUI_TEST_MAIN(VtkOpenGLWidgetTest)

#include "tst_vtk_opengl_widget.moc"
