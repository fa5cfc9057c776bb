#pragma once
// The workstation's main window: menus, the study browser on the left, the viewer in the
// centre, status and progress at the bottom.

#include "browser/ArchiveJobs.h"
#include "common/DataFolder.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/ImageVolume.h"
#include "net/NodeBook.h"
#include "security/Deidentifier.h"
#include "security/UserAccounts.h"
#include "viewer/MprLink.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QDockWidget;
class QScrollBar;
class QThreadPool;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace telerad {

class DemoStudyJob;
class InactivityLock;
class NetworkService;
class ReadingPanel;
class ReadingService;
class SliceViewer;
class StudyBrowser;
class ViewerArea;
class TransferMonitor;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(DataFolder dataFolder, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Generates the demo study on first start (in the background) and shows it.
    void openDemoStudy();
    /// Imports files and folders into the archive in the background (File > Import).
    void importPaths(const QStringList& paths);
    QString statusText() const;

    /// The active viewport's viewer.
    SliceViewer* viewer() const { return m_viewer; }
    ViewerArea* viewerArea() const { return m_viewerArea; }
    NetworkService* network() const { return m_network; }
    TransferMonitor* transferMonitor() const { return m_transfers; }
    /// Settings > Network (not modal).
    void showNetworkSettings();
    /// File > Query/Retrieve (not modal).
    void showQueryRetrieve();
    QTreeWidget* studyBrowser() const { return m_browser; }
    StudyBrowser* studySearch() const { return m_studyBrowser; }
    ReadingService* reading() const { return m_reading; }
    ReadingPanel* readingPanel() const { return m_readingPanel; }
    /// Image > 3D volume rendering of the series in the viewer (a window, not modal).
    Q_INVOKABLE void showVolumeRendering();
    /// "Send for reading..." on a study (dialog, not modal).
    void showSendForReading(const QString& studyUid, const QString& patient);
    /// "Write report..." on a study (the report editor, not modal); radiologists only.
    void showReportEditor(const QString& studyUid, const QString& patient, const QString& modality);
    /// Settings > Audit trail (not modal); administrators only.
    void showAuditTrail();
    /// Copies a study or series into `folder`, de-identified when `deidentify` is given
    /// (browser menu: Export / Export de-identified), in the background; the summary goes
    /// to the status bar.
    void exportToFolder(const QString& uid, const QString& folder, const std::optional<DeidentificationOptions>& deidentify);
    /// Browser menu: Send to `node` queues the study or series `uid` and brings the
    /// Transfers panel forward.
    void sendTo(const QString& node, const QString& uid);
    /// Browser menu: Delete... asks (dialog "confirmDelete"), then deletes the study or
    /// series `uid` (shown as `what`) in the background; the browser refreshes.
    void confirmDelete(const QString& what, const QString& uid);
    /// Image > 3-plane MPR: the active viewer's series in axial, coronal and sagittal views
    /// side by side with a shared crosshair (1 x 3 layout); another layout or series ends it.
    void showThreePlaneMpr();
    MprLink* threePlaneMpr() const { return m_mpr; }

    /// Who works in this window: enables what the role allows (everything on a workstation
    /// without accounts) and, with accounts, locks the window after `autoLock` without input
    /// (0: never).
    void setSession(const SignedIn& session, std::chrono::milliseconds autoLock);
    const SignedIn& session() const { return m_session; }
    InactivityLock* inactivityLock() const { return m_lock; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createImageMenu();
    void createLanguageMenu(QMenu* menu);
    void restoreLayout();
    void saveLayout() const;
    void exportView();
    void auditViewExport(const QString& destination);
    void restoreAnnotations(SliceViewer* viewer);
    void saveAnnotations(SliceViewer* viewer);
    void connectViewer(SliceViewer* viewer);
    void loadSeriesInto(SliceViewer* viewer, const QString& seriesUid);
    void createStatusBar();
    void onDemoProgress(const QString& stage, int done, int total);
    void onDemoLoaded(const DemoStudy& study, std::shared_ptr<const ImageVolume> volume);
    void onDemoFailed(const QString& message);
    void onArchiveJobFailed(const QString& message);
    void onSeriesLoaded(std::shared_ptr<const ImageVolume> volume);
    void showViewerState();
    void chooseAndImport(bool folders);
    void onImportProgress(int files, int total, double megabytesPerSecond);
    void onImportFinished(const ImportReport& report);
    void showStudies(const QList<BrowserRow>& rows);
    void showDiskSpace(qint64 availableBytes, qint64 reserveBytes);
    void endThreePlaneMpr();
    void openSeriesItem(QTreeWidgetItem* item);
    void showAbout();
    void createNetworking();
    void showBrowserMenu(const QPoint& position);
    void closeViewersShowing(const QString& studyOrSeriesUid);
    void createReading(QDockWidget* transfersDock);
    void openStudy(const QString& studyUid);
    void showReport(const QString& reportUid);
    std::vector<Node> nodes() const;
    bool refuseUnless(Permission permission, const QString& what);

    DataFolder m_dataFolder;
    SliceViewer* m_viewer = nullptr;
    QPointer<MprLink> m_mpr;  // the 3-plane MPR on screen, if any
    StudyBrowser* m_studyBrowser = nullptr;  // search bar, thumbnails and the tree
    QTreeWidget* m_browser = nullptr;        // its tree
    QLabel* m_statusText = nullptr;
    QLabel* m_viewerState = nullptr;
    QLabel* m_probe = nullptr;  // the value under the mouse
    ViewerArea* m_viewerArea = nullptr;
    QPointer<SliceViewer> m_loadTarget;  // where the series being loaded goes
    bool m_overlayVisible = true;
    // One thread for the window's small file work (annotations read and saved, pictures
    // exported): saves land in order, and it is waited for when the window goes.
    QThreadPool* m_fileWork = nullptr;
    QProgressBar* m_progress = nullptr;
    DemoStudyJob* m_demoJob = nullptr;
    ArchiveJobs* m_archiveJobs = nullptr;
    QPushButton* m_cancelImport = nullptr;
    NetworkService* m_network = nullptr;
    TransferMonitor* m_transfers = nullptr;
    QTimer* m_browserRefresh = nullptr;  // received instances refresh the browser, at most once a second
    ReadingService* m_reading = nullptr;
    ReadingPanel* m_readingPanel = nullptr;
    QTimer* m_readingRefresh = nullptr;  // and the reading lists, as often
    SignedIn m_session;
    InactivityLock* m_lock = nullptr;
    QAction* m_networkAction = nullptr;
    QAction* m_auditAction = nullptr;
    QAction* m_lockAction = nullptr;
    QLabel* m_userLabel = nullptr;
    QLabel* m_diskLabel = nullptr;  // what is left for the archive: full means studies are refused
};

}  // namespace telerad
