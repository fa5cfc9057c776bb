#include "VtkOpenGLWidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkRenderer.h>

#include <cmath>

namespace telerad {

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent) : QOpenGLWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    m_renderWindow->SetOwnContext(false);
    // The widget blits VTK's framebuffer itself in paintGL().
    m_renderWindow->SetFrameBlitModeToNoBlit();
    m_renderWindow->SetMultiSamples(0);  // software OpenGL: multisampling costs a third of every frame
    m_renderWindow->AddRenderer(m_renderer);

    m_interactor->SetRenderWindow(m_renderWindow);
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    m_interactor->SetInteractorStyle(style);
    // Interactor styles call Render(); turn that into a Qt repaint so rendering happens only
    // inside paintGL(), where Qt's context and framebuffer are ready.
    m_interactor->EnableRenderOff();
    m_interactor->Initialize();

    m_callback->SetClientData(this);
    m_callback->SetCallback(&VtkOpenGLWidget::onVtkEvent);
    m_renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, m_callback);
    m_renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, m_callback);
    m_renderWindow->AddObserver(vtkCommand::WindowFrameEvent, m_callback);
    m_interactor->AddObserver(vtkCommand::RenderEvent, m_callback);
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
    releaseVtkResources();
    // QOpenGLWidget's destructor destroys the context after our members are gone.
    if (context()) disconnect(context(), nullptr, this, nullptr);
    m_renderWindow->RemoveObserver(m_callback);
    m_interactor->RemoveObserver(m_callback);
}

QSurfaceFormat VtkOpenGLWidget::defaultFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(0);
    format.setAlphaBufferSize(8);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    return format;
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const { return m_renderWindow; }
vtkGenericRenderWindowInteractor* VtkOpenGLWidget::interactor() const { return m_interactor; }
vtkRenderer* VtkOpenGLWidget::renderer() const { return m_renderer; }

void VtkOpenGLWidget::onVtkEvent(vtkObject*, unsigned long eventId, void* clientData, void* callData) {
    auto* self = static_cast<VtkOpenGLWidget*>(clientData);
    QOpenGLContext* context = self->context();
    switch (eventId) {
        case vtkCommand::WindowMakeCurrentEvent:
            // Make the context current without rebinding the widget's framebuffer in the middle
            // of VTK's render (QOpenGLWidget::makeCurrent() would, and the picture goes black).
            if (context && QOpenGLContext::currentContext() != context)
                context->makeCurrent(context->surface());
            break;
        case vtkCommand::WindowIsCurrentEvent:
            *static_cast<bool*>(callData) = context && QOpenGLContext::currentContext() == context;
            break;
        case vtkCommand::WindowFrameEvent:
        case vtkCommand::RenderEvent:
            self->update();
            break;
        default:
            break;
    }
}

void VtkOpenGLWidget::initializeGL() {
    // Called with a new current context: on first show, or after the widget moved to another
    // top-level window (the old context's resources were released on aboutToBeDestroyed).
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this,
            &VtkOpenGLWidget::releaseVtkResources, Qt::UniqueConnection);
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->OpenGLInitContext();
    const QSize size = deviceSize();
    m_renderWindow->SetSize(size.width(), size.height());
}

void VtkOpenGLWidget::resizeGL(int, int) {
    const QSize size = deviceSize();
    m_renderWindow->SetSize(size.width(), size.height());
    m_interactor->SetSize(size.width(), size.height());
    m_interactor->ConfigureEvent();
}

void VtkOpenGLWidget::paintGL() {
    m_renderWindow->Render();

    // Blit VTK's framebuffer into the widget's own framebuffer object.
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    gl->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum colorAttachment = GL_COLOR_ATTACHMENT0;
    gl->glDrawBuffers(1, &colorAttachment);
    gl->glDisable(GL_SCISSOR_TEST);
    const int* rendered = m_renderWindow->GetSize();
    const QSize target = deviceSize();
    m_renderWindow->BlitDisplayFramebuffer(0, 0, 0, rendered[0], rendered[1], 0, 0, target.width(),
                                           target.height(), GL_COLOR_BUFFER_BIT, GL_LINEAR);
    // VTK clears to its background alpha (0 by default); the widget is opaque, or Qt would
    // blend the picture with whatever lies beneath it.
    gl->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    gl->glClearColor(0, 0, 0, 1);
    gl->glClear(GL_COLOR_BUFFER_BIT);
    gl->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

void VtkOpenGLWidget::releaseVtkResources() {
    if (!context() || !m_renderWindow->GetReadyForRendering()) return;
    makeCurrent();
    m_renderWindow->Finalize();
    m_renderWindow->SetReadyForRendering(false);
    doneCurrent();
}

QSize VtkOpenGLWidget::deviceSize() const {
    const qreal ratio = devicePixelRatioF();
    return {static_cast<int>(std::lround(width() * ratio)), static_cast<int>(std::lround(height() * ratio))};
}

// VTK's origin is the bottom-left corner, in device pixels.
void VtkOpenGLWidget::setEventPosition(const QPointF& logicalPosition, Qt::KeyboardModifiers modifiers,
                                       int repeatCount) {
    const qreal ratio = devicePixelRatioF();
    const int x = static_cast<int>(std::lround(logicalPosition.x() * ratio));
    const int y = static_cast<int>(std::lround(logicalPosition.y() * ratio));
    m_interactor->SetEventInformationFlipY(x, y, modifiers.testFlag(Qt::ControlModifier) ? 1 : 0,
                                           modifiers.testFlag(Qt::ShiftModifier) ? 1 : 0, 0, repeatCount);
    m_interactor->SetAltKey(modifiers.testFlag(Qt::AltModifier) ? 1 : 0);
}

namespace {

unsigned long pressEventFor(Qt::MouseButton button) {
    switch (button) {
        case Qt::LeftButton: return vtkCommand::LeftButtonPressEvent;
        case Qt::RightButton: return vtkCommand::RightButtonPressEvent;
        case Qt::MiddleButton: return vtkCommand::MiddleButtonPressEvent;
        default: return vtkCommand::NoEvent;
    }
}

unsigned long releaseEventFor(Qt::MouseButton button) {
    switch (button) {
        case Qt::LeftButton: return vtkCommand::LeftButtonReleaseEvent;
        case Qt::RightButton: return vtkCommand::RightButtonReleaseEvent;
        case Qt::MiddleButton: return vtkCommand::MiddleButtonReleaseEvent;
        default: return vtkCommand::NoEvent;
    }
}

}  // namespace

void VtkOpenGLWidget::forwardButton(QMouseEvent* event, unsigned long vtkEvent, int repeatCount) {
    setEventPosition(event->position(), event->modifiers(), repeatCount);
    if (vtkEvent != vtkCommand::NoEvent) m_interactor->InvokeEvent(vtkEvent);
    event->accept();
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
    forwardButton(event, pressEventFor(event->button()), 0);
}

void VtkOpenGLWidget::mouseDoubleClickEvent(QMouseEvent* event) {
    forwardButton(event, pressEventFor(event->button()), 1);
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
    forwardButton(event, releaseEventFor(event->button()), 0);
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    m_interactor->InvokeEvent(vtkCommand::MouseMoveEvent);
    event->accept();
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    const int delta = event->angleDelta().y();
    if (delta > 0) m_interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
    if (delta < 0) m_interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent);
    event->accept();
}

namespace {

// VTK key symbols follow X11 keysym names for the keys interactor styles listen to.
const char* keySymbolFor(int key) {
    switch (key) {
        case Qt::Key_Left: return "Left";
        case Qt::Key_Right: return "Right";
        case Qt::Key_Up: return "Up";
        case Qt::Key_Down: return "Down";
        case Qt::Key_PageUp: return "Prior";
        case Qt::Key_PageDown: return "Next";
        case Qt::Key_Home: return "Home";
        case Qt::Key_End: return "End";
        case Qt::Key_Escape: return "Escape";
        case Qt::Key_Space: return "space";
        case Qt::Key_Return: return "Return";
        default: return nullptr;
    }
}

}  // namespace

void VtkOpenGLWidget::keyPressEvent(QKeyEvent* event) {
    const QByteArray text = event->text().toLatin1();
    const char keyCode = text.isEmpty() ? '\0' : text.at(0);
    const char* symbol = keySymbolFor(event->key());
    const QByteArray fallback = text.isEmpty() ? QByteArray() : text.left(1);
    m_interactor->SetKeyEventInformation(event->modifiers().testFlag(Qt::ControlModifier),
                                         event->modifiers().testFlag(Qt::ShiftModifier), keyCode,
                                         event->count(), symbol ? symbol : fallback.constData());
    m_interactor->InvokeEvent(vtkCommand::KeyPressEvent);
    if (keyCode) m_interactor->InvokeEvent(vtkCommand::CharEvent);
    event->accept();
}

void VtkOpenGLWidget::keyReleaseEvent(QKeyEvent* event) {
    m_interactor->InvokeEvent(vtkCommand::KeyReleaseEvent);
    event->accept();
}

void VtkOpenGLWidget::enterEvent(QEnterEvent* event) {
    m_interactor->InvokeEvent(vtkCommand::EnterEvent);
    QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLWidget::leaveEvent(QEvent* event) {
    m_interactor->InvokeEvent(vtkCommand::LeaveEvent);
    QOpenGLWidget::leaveEvent(event);
}

}  // namespace telerad
