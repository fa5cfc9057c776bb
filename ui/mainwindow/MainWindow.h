#pragma once
// The workstation's main window: menus, the study browser on the left, the viewer in the
// centre, status and progress at the bottom.

#include "common/DataFolder.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/ImageVolume.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QProgressBar;
class QTreeWidget;

namespace telerad {

class DemoStudyJob;
class SliceViewer;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(DataFolder dataFolder, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Generates the demo study on first start (in the background) and shows it.
    void openDemoStudy();

    SliceViewer* viewer() const { return m_viewer; }
    QTreeWidget* studyBrowser() const { return m_browser; }

private:
    void createMenus();
    void createStatusBar();
    void onDemoProgress(const QString& stage, int done, int total);
    void onDemoLoaded(const DemoStudy& study, std::shared_ptr<const ImageVolume> volume);
    void onDemoFailed(const QString& message);
    void showViewerState();
    void showAbout();

    DataFolder m_dataFolder;
    SliceViewer* m_viewer = nullptr;
    QTreeWidget* m_browser = nullptr;
    QLabel* m_statusText = nullptr;
    QLabel* m_viewerState = nullptr;
    QProgressBar* m_progress = nullptr;
    DemoStudyJob* m_demoJob = nullptr;
};

}  // namespace telerad
