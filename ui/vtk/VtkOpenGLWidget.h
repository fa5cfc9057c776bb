#pragma once
// Hosts a vtkGenericOpenGLRenderWindow in a Qt 6 QOpenGLWidget. Debian's VTK Qt module is
// built against Qt 5, so this replaces QVTKOpenGLNativeWidget: VTK draws into its own
// framebuffer inside Qt's GL context, and paintGL() blits the result into the widget.
// Mouse, wheel and key events are translated into VTK interactor events.

#include <QOpenGLWidget>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class QSurfaceFormat;
class vtkCallbackCommand;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;
class vtkRenderer;

namespace telerad {

class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    /// The format VTK needs (OpenGL 3.2 core, 24-bit depth). Set it as the application default
    /// with QSurfaceFormat::setDefaultFormat() before the QApplication is created.
    static QSurfaceFormat defaultFormat();

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    vtkGenericRenderWindowInteractor* interactor() const;
    /// The renderer created with the widget (the first of the render window).
    vtkRenderer* renderer() const;

    /// Schedules a repaint; VTK renders inside the next paintGL(). Use this, not Render().
    void requestRender() { update(); }

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    static void onVtkEvent(vtkObject* caller, unsigned long eventId, void* clientData, void* callData);
    void setEventPosition(const QPointF& logicalPosition, Qt::KeyboardModifiers modifiers,
                          int repeatCount = 0);
    void forwardButton(QMouseEvent* event, unsigned long vtkEvent, int repeatCount);
    void releaseVtkResources();
    QSize deviceSize() const;

    vtkNew<vtkGenericOpenGLRenderWindow> m_renderWindow;
    vtkNew<vtkGenericRenderWindowInteractor> m_interactor;
    vtkNew<vtkRenderer> m_renderer;
    vtkNew<vtkCallbackCommand> m_callback;
};

}  // namespace telerad
