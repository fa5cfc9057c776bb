#include "MainWindow.h"

#include "DemoStudyJob.h"
#include "archive/AnnotationStore.h"
#include "archive/Archive.h"
#include "archive/StudyExport.h"
#include "common/Version.h"
#include "dicom/DicomText.h"
#include "language/InterfaceLanguage.h"
#include "network/NetworkService.h"
#include "network/NetworkSettingsDialog.h"
#include "network/QueryRetrieveDialog.h"
#include "network/TransferMonitor.h"
#include "reading/ReadingPanel.h"
#include "reading/ReadingService.h"
#include "reading/ReportEditorDialog.h"
#include "reading/SendForReadingDialog.h"
#include "security/AuditViewerDialog.h"
#include "security/InactivityLock.h"
#include "browser/StudyBrowser.h"
#include "browser/StudyTree.h"
#include "viewer/MprLink.h"
#include "viewer/SliceViewer.h"
#include "viewer/ViewerArea.h"
#include "viewer/VolumeView.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QtConcurrent>
#include <QDesktopServices>
#include <QDialog>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>
#include <QDockWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QTabWidget>
#include <QUrl>

namespace telerad {

MainWindow::MainWindow(DataFolder dataFolder, QWidget* parent)
    : QMainWindow(parent), m_dataFolder(std::move(dataFolder)) {
    setWindowTitle(tr("Telerad"));
    resize(1280, 800);

    m_studyBrowser = new StudyBrowser(this);
    m_studyBrowser->setMinimumWidth(260);
    m_browser = m_studyBrowser->tree();

    m_viewerArea = new ViewerArea(this);
    connect(m_viewerArea, &ViewerArea::viewerCreated, this, &MainWindow::connectViewer);
    connect(m_viewerArea, &ViewerArea::activeViewerChanged, this, [this](SliceViewer* viewer) {
        m_viewer = viewer;
        showViewerState();
    });
    connect(m_viewerArea, &ViewerArea::seriesDropped, this, &MainWindow::loadSeriesInto);
    m_viewerArea->setGrid(1, 1);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("browserViewerSplitter"));
    splitter->addWidget(m_studyBrowser);
    splitter->addWidget(m_viewerArea);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 940});
    setCentralWidget(splitter);

    m_archiveJobs = new ArchiveJobs(m_dataFolder.root(), this);
    connect(m_archiveJobs, &ArchiveJobs::importProgress, this, &MainWindow::onImportProgress);
    connect(m_archiveJobs, &ArchiveJobs::importFinished, this, &MainWindow::onImportFinished);
    connect(m_archiveJobs, &ArchiveJobs::studiesListed, this, &MainWindow::showStudies);
    connect(m_archiveJobs, &ArchiveJobs::diskSpace, this, &MainWindow::showDiskSpace);
    connect(m_archiveJobs, &ArchiveJobs::seriesLoaded, this, &MainWindow::onSeriesLoaded);
    connect(m_archiveJobs, &ArchiveJobs::seriesPreview, this, [this](std::shared_ptr<const ImageVolume> preview) {
        (m_loadTarget ? m_loadTarget.data() : m_viewer)->setVolume(std::move(preview));
    });
    connect(m_archiveJobs, &ArchiveJobs::thumbnailReady, m_studyBrowser, &StudyBrowser::setThumbnail);
    connect(m_archiveJobs, &ArchiveJobs::deleted, this, [this](const QString& uid, int instances) {
        closeViewersShowing(uid);
        m_statusText->setText(tr("Deleted %1: %n image(s)", nullptr, instances).arg(uid));
        m_archiveJobs->refreshStudies();
    });
    connect(m_archiveJobs, &ArchiveJobs::failed, this, &MainWindow::onArchiveJobFailed);
    connect(m_browser, &QTreeWidget::itemActivated, this, &MainWindow::openSeriesItem);

    m_fileWork = new QThreadPool(this);
    m_fileWork->setMaxThreadCount(1);
    createNetworking();
    createMenus();
    createStatusBar();
    restoreLayout();
    m_archiveJobs->refreshStudies();
}

namespace {
constexpr int kLayoutVersion = 1;  // raise when the docks change: an older saved layout is then ignored
}

// The window comes back as the user left it: size and place, the browser's width, which
// panels show and how tall they are. Per user (QSettings), not per data folder.
void MainWindow::restoreLayout() {
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
    findChild<QSplitter*>(QStringLiteral("browserViewerSplitter"))->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    settings.setValue(QStringLiteral("window/splitter"), findChild<QSplitter*>(QStringLiteral("browserViewerSplitter"))->saveState());
}

// Every viewport's viewer reports here; what concerns the status bar shows for the active one.
void MainWindow::connectViewer(SliceViewer* viewer) {
    const auto ifActive = [this, viewer](auto show) { return [this, viewer, show](auto&&...) { if (viewer == m_viewer) show(); }; };
    connect(viewer, &SliceViewer::sliceChanged, this, ifActive([this] { showViewerState(); }));
    connect(viewer, &SliceViewer::windowChanged, this, ifActive([this] { showViewerState(); }));
    connect(viewer, &SliceViewer::probed, this, [this](const QString& text) { if (m_probe) m_probe->setText(text); });
    connect(viewer, &SliceViewer::measured, this, [this](const QString& text) { if (m_statusText) m_statusText->setText(text); });
    connect(viewer, &SliceViewer::annotationsChanged, this, [this, viewer] { saveAnnotations(viewer); });
    viewer->setOverlayVisible(m_overlayVisible);
}

void MainWindow::loadSeriesInto(SliceViewer* viewer, const QString& seriesUid) {
    m_viewerArea->activate(viewer);
    m_loadTarget = viewer;
    m_statusText->setText(tr("Loading series %1...").arg(seriesUid));
    m_archiveJobs->loadSeries(seriesUid);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* importFolder = file->addAction(tr("&Import folder or media..."), this, [this] { chooseAndImport(true); });
    importFolder->setShortcut(QKeySequence(tr("Ctrl+I")));
    file->addAction(tr("Import &files..."), this, [this] { chooseAndImport(false); });
    QAction* query = file->addAction(tr("&Query/Retrieve..."), this, &MainWindow::showQueryRetrieve);
    query->setShortcut(QKeySequence(tr("Ctrl+Shift+Q")));
    file->addSeparator();
    m_lockAction = file->addAction(tr("&Lock"), this, [this] { if (m_lock) m_lock->lock(); });
    m_lockAction->setShortcut(QKeySequence(tr("Ctrl+L")));
    m_lockAction->setObjectName(QStringLiteral("lockAction"));
    m_lockAction->setVisible(false);  // with accounts only: a lock needs a password
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    m_networkAction = settings->addAction(tr("&Network..."), this, &MainWindow::showNetworkSettings);
    m_networkAction->setObjectName(QStringLiteral("networkSettingsAction"));
    m_auditAction = settings->addAction(tr("&Audit trail..."), this, &MainWindow::showAuditTrail);
    m_auditAction->setObjectName(QStringLiteral("auditTrailAction"));
    createLanguageMenu(settings->addMenu(tr("&Language")));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(findChild<QDockWidget*>(QStringLiteral("transfersDock"))->toggleViewAction());
    QAction* overlay = view->addAction(tr("Show &overlay"));
    overlay->setCheckable(true);
    overlay->setChecked(true);
    connect(overlay, &QAction::toggled, this, [this](bool on) {
        m_overlayVisible = on;
        for (SliceViewer* viewer : m_viewerArea->viewers()) viewer->setOverlayVisible(on);
    });
    QMenu* layouts = view->addMenu(tr("&Layout"));
    for (const auto& [rows, columns] : {std::pair{1, 1}, std::pair{1, 2}, std::pair{2, 1}, std::pair{2, 2}, std::pair{3, 3}})
        layouts->addAction(QStringLiteral("%1 x %2").arg(rows).arg(columns), this, [this, rows = rows, columns = columns] {
            endThreePlaneMpr();
            m_viewerArea->setGrid(rows, columns);
        });
    view->addAction(tr("&Reset view\tR"), this, [this] { m_viewer->resetView(); });
    createImageMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Telerad"), this, &MainWindow::showAbout);
}

// Widgets take their texts when they are made: a new language shows from the next start.
void MainWindow::createLanguageMenu(QMenu* menu) {
    auto* choices = new QActionGroup(menu);
    for (const QString& code : interfaceLanguages()) {
        QAction* choice = menu->addAction(interfaceLanguageName(code));
        choice->setObjectName(QStringLiteral("language-") + code);
        choice->setCheckable(true);
        choice->setChecked(code == installedInterfaceLanguage());
        choices->addAction(choice);
        connect(choice, &QAction::triggered, this, [this, code] {
            saveInterfaceLanguage(code);
            m_statusText->setText(tr("Telerad will speak %1 from its next start").arg(interfaceLanguageName(code)));
        });
    }
}

// The viewer's own keys are shown in the menu but not bound here: a letter must stay a letter
// in the filter fields and editors.
void MainWindow::createImageMenu() {
    QMenu* image = menuBar()->addMenu(tr("&Image"));
    for (const auto& [plane, label] : {std::pair{ViewPlane::Axial, tr("&Axial\tA")}, std::pair{ViewPlane::Coronal, tr("&Coronal\tC")},
                                       std::pair{ViewPlane::Sagittal, tr("&Sagittal\tS")}})
        image->addAction(label, this, [this, plane] { m_viewer->setViewPlane(plane); });
    image->addAction(tr("3-plane &MPR with crosshair (Ctrl+drag turns the planes)"), this, &MainWindow::showThreePlaneMpr);
    image->addAction(tr("Reset &oblique planes"), this, [this] {
        if (m_mpr) m_mpr->resetOrientations();
    });
    QMenu* slab = image->addMenu(tr("Thick &slab"));
    for (const auto& [mode, label] : {std::pair{SlabMode::None, tr("Off")}, std::pair{SlabMode::Maximum, tr("MIP")},
                                      std::pair{SlabMode::Minimum, tr("MinIP")}, std::pair{SlabMode::Mean, tr("Average")}})
        for (double mm : mode == SlabMode::None ? std::vector<double>{0} : std::vector<double>{5, 10, 20, 40})
            slab->addAction(mode == SlabMode::None ? label : tr("%1 %2 mm").arg(label).arg(mm), this, [this, mode, mm] { m_viewer->setSlab(mode, mm); });
    QMenu* presets = image->addMenu(tr("&Window presets"));
    connect(presets, &QMenu::aboutToShow, this, [this, presets] {
        presets->clear();
        int key = 0;
        for (const WindowPreset& p : m_viewer->presets()) {
            const QString what = p.voiLut >= 0 ? p.name : tr("%1 (W %2 L %3)").arg(p.name).arg(p.width).arg(p.center);
            presets->addAction(what + (key < 10 ? QStringLiteral("\t%1").arg(key++) : QString()), this, [this, p] { m_viewer->applyPreset(p); });
        }
        if (presets->isEmpty()) presets->addAction(tr("open a series first"))->setEnabled(false);
    });
    image->addAction(tr("&Invert\tI"), this, [this] { m_viewer->setInverted(!m_viewer->inverted()); });
    image->addAction(tr("&Measure distance (left drag)\tD"), this, [this] { m_viewer->setMeasuring(true, MeasureTool::Distance); });
    image->addAction(tr("&Ellipse ROI (left drag)\tE"), this, [this] { m_viewer->setMeasuring(true, MeasureTool::Ellipse); });
    image->addAction(tr("Rectangle &ROI (left drag)\tB"), this, [this] { m_viewer->setMeasuring(true, MeasureTool::Rectangle); });
    image->addAction(tr("An&gle (drag an arm, click the other)\tN"), this, [this] { m_viewer->setMeasuring(true, MeasureTool::Angle); });
    image->addAction(tr("&Text arrow (drag from the text to the point)\tT"), this, [this] { m_viewer->setMeasuring(true, MeasureTool::Arrow); });
    image->addAction(tr("&Window/level with the left button"), this, [this] { m_viewer->setMeasuring(false); });
    image->addAction(tr("Mark &key image\tK"), this, [this] { m_viewer->toggleKeyImage(); });
    image->addAction(tr("Clear &measurements\tDel"), this, [this] { m_viewer->clearMeasurements(); });
    image->addAction(tr("&Fit\tF"), this, [this] { m_viewer->resetView(); });
    image->addAction(tr("Zoom &1:1\tZ"), this, [this] { m_viewer->setZoomFactor(1); });
    image->addAction(tr("&Cine\tSpace"), this, [this] { m_viewer->setCineRate(m_viewer->cineRate() > 0 ? 0 : 10); });
    QAction* sync = image->addAction(tr("&Synchronised scrolling"));
    sync->setCheckable(true);
    sync->setChecked(m_viewerArea->synchronised());
    connect(sync, &QAction::toggled, this, [this](bool on) { m_viewerArea->setSynchronised(on); });
    image->addSeparator();
    image->addAction(tr("&3D volume rendering..."), this, &MainWindow::showVolumeRendering);
    image->addSeparator();
    image->addAction(tr("&Export view as PNG..."), this, &MainWindow::exportView);
    QAction* copy = image->addAction(tr("Cop&y view"), this, [this] {
        QGuiApplication::clipboard()->setImage(m_viewer->grabFramebuffer());
        auditViewExport(tr("the clipboard"));
    });
    copy->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    copy->setObjectName(QStringLiteral("copyViewAction"));
}

void MainWindow::exportView() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export view"), QString(), tr("PNG images (*.png)"));
    if (file.isEmpty()) return;
    const QImage picture = m_viewer->grabFramebuffer();
    (void)QtConcurrent::run(m_fileWork, [picture, file] { picture.save(file, "PNG"); });  // encoding and writing: not on the GUI thread
    auditViewExport(file);
    m_statusText->setText(tr("View exported to %1").arg(file));
}

// A picture of the patient's images leaving the viewer is an export (written off the GUI thread).
void MainWindow::auditViewExport(const QString& destination) {
    const auto& volume = m_viewer->volume();
    if (!volume) return;
    const AuditEvent event{QString(audit::kStudyExported), true, volume->description.patientId, volume->description.studyInstanceUid, {},
                           QStringLiteral("view of series %1 to %2").arg(volume->description.seriesInstanceUid, destination)};
    (void)QtConcurrent::run(m_fileWork, [root = m_dataFolder.root(), event] { (void)recordAudit(root, event); });
}

void MainWindow::showVolumeRendering() {
    if (!m_viewer->volume()) return m_statusText->setText(tr("Open a series first"));
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("volumeRendering"));
    dialog->setWindowTitle(tr("3D - %1").arg(m_viewer->volume()->description.seriesDescription));
    auto* view = new VolumeView(dialog);
    auto* preset = new QComboBox(dialog);
    for (VolumePreset p : {VolumePreset::CtBone, VolumePreset::CtSoftTissue, VolumePreset::CtAngio, VolumePreset::MrDefault})
        preset->addItem(volumePresetName(p), static_cast<int>(p));
    auto* cut = new QSlider(Qt::Horizontal, dialog);
    cut->setRange(0, 90);
    cut->setToolTip(tr("Cut away the front of the patient (%)"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Preset"), dialog));
    controls->addWidget(preset);
    controls->addWidget(new QLabel(tr("Cut away the front"), dialog));
    controls->addWidget(cut, 1);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(view, 1);
    layout->addLayout(controls);
    view->setVolume(m_viewer->volume());
    preset->setCurrentIndex(preset->findData(static_cast<int>(view->preset())));
    connect(preset, &QComboBox::currentIndexChanged, view, [view, preset] { view->setPreset(static_cast<VolumePreset>(preset->currentData().toInt())); });
    connect(cut, &QSlider::valueChanged, view, [view](int percent) { view->cutAwayFront(percent / 100.0); });
    dialog->resize(720, 760);
    dialog->show();
}

void MainWindow::createStatusBar() {
    m_statusText = new QLabel(tr("Data folder: %1").arg(m_dataFolder.root()), this);
    m_viewerState = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_statusText, 1);
    m_cancelImport = new QPushButton(tr("Cancel"), this);
    m_cancelImport->setVisible(false);
    connect(m_cancelImport, &QPushButton::clicked, m_archiveJobs, &ArchiveJobs::cancelImport);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelImport);
    statusBar()->addPermanentWidget(m_viewerState);
    m_probe = new QLabel(this);
    m_probe->setMinimumWidth(300);  // "HU -1024 at (-199.6, -199.6, 160.0) mm" fits
    statusBar()->addPermanentWidget(m_probe);
    m_diskLabel = new QLabel(this);
    m_diskLabel->setObjectName(QStringLiteral("diskLabel"));
    m_diskLabel->setContentsMargins(8, 0, 12, 0);  // apart from the user's name beside it
    statusBar()->addPermanentWidget(m_diskLabel);
    m_userLabel = new QLabel(auditActor().user, this);  // who is working: what the audit trail records
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    statusBar()->addPermanentWidget(m_userLabel);
}

// Shown with each listing of the archive; in orange when little is left, in red once the
// archive refuses new studies (imports and received instances) to keep its reserve.
void MainWindow::showDiskSpace(qint64 availableBytes, qint64 reserveBytes) {
    m_diskLabel->setVisible(availableBytes >= 0);
    constexpr double kGB = 1e9;
    constexpr qint64 kLowMargin = qint64(5) * 1000 * 1000 * 1000;  // a few large studies
    const double gigabytes = availableBytes / kGB;
    m_diskLabel->setToolTip(tr("%1\n%2 GB are kept free for the index and the system").arg(m_dataFolder.root()).arg(reserveBytes / kGB, 0, 'f', 1));
    if (availableBytes <= reserveBytes) {
        m_diskLabel->setText(tr("Archive disk full (%1 GB free): new studies are refused").arg(gigabytes, 0, 'f', 1));
        m_diskLabel->setStyleSheet(QStringLiteral("color: #be0000; font-weight: bold"));
    } else if (availableBytes < reserveBytes + kLowMargin) {
        m_diskLabel->setText(tr("Archive: only %1 GB free").arg(gigabytes, 0, 'f', 1));
        m_diskLabel->setStyleSheet(QStringLiteral("color: #c86e00; font-weight: bold"));
    } else {
        m_diskLabel->setText(tr("Archive: %1 GB free").arg(gigabytes, 0, 'f', 0));
        m_diskLabel->setStyleSheet(QString());
    }
}

void MainWindow::openDemoStudy() {
    if (m_demoJob) return;
    m_demoJob = new DemoStudyJob(m_dataFolder.demoStudyPath(), m_dataFolder.root(), this);
    connect(m_demoJob, &DemoStudyJob::progress, this, &MainWindow::onDemoProgress);
    connect(m_demoJob, &DemoStudyJob::loaded, this, &MainWindow::onDemoLoaded);
    connect(m_demoJob, &DemoStudyJob::failed, this, &MainWindow::onDemoFailed);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_statusText->setText(tr("Preparing the demo study..."));
    m_demoJob->start();
}

void MainWindow::onDemoProgress(const QString& stage, int done, int total) {
    m_statusText->setText(tr("%1: %2 of %3 images").arg(stage).arg(done).arg(total));
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void MainWindow::onDemoLoaded(const DemoStudy& study, std::shared_ptr<const ImageVolume> volume) {
    m_progress->setVisible(false);
    m_archiveJobs->refreshStudies();
    m_viewer->setVolume(std::move(volume));
    restoreAnnotations(m_viewer);
    m_statusText->setText(tr("Demo study: %1").arg(study.folder));
}

void MainWindow::onDemoFailed(const QString& message) {
    m_progress->setVisible(false);
    m_statusText->setText(tr("The demo study could not be prepared: %1").arg(message));
}

void MainWindow::showThreePlaneMpr() {
    if (!m_viewer->hasVolume()) return m_statusText->setText(tr("Open a series first: the three planes show the active viewer's series"));
    const std::shared_ptr<const ImageVolume> volume = m_viewer->volume();
    endThreePlaneMpr();
    m_viewerArea->setGrid(1, 3);
    const QList<SliceViewer*> viewers = m_viewerArea->viewers();
    for (SliceViewer* viewer : viewers)
        if (viewer->volume() != volume) viewer->setVolume(volume);
    m_mpr = new MprLink(viewers[0], viewers[1], viewers[2], this);
    m_statusText->setText(tr("3-plane MPR: click or drag to move the crosshair, Ctrl+drag to turn the other planes"));
}

void MainWindow::endThreePlaneMpr() { delete m_mpr; }

void MainWindow::onSeriesLoaded(std::shared_ptr<const ImageVolume> volume) {
    endThreePlaneMpr();  // another series in one of its views
    const ImageDescription& d = volume->description;
    m_statusText->setText(tr("%1 - %2 %3").arg(displayPersonName(d.patientName),
                                              d.modality, d.seriesDescription));
    SliceViewer* target = m_loadTarget ? m_loadTarget.data() : m_viewer;
    m_loadTarget = nullptr;
    target->setVolume(std::move(volume));
    restoreAnnotations(target);
}

// Measurements and key images live with the series in the archive's annotation store; both
// ways on a worker thread.
void MainWindow::restoreAnnotations(SliceViewer* viewer) {
    const QString series = viewer->volume()->description.seriesInstanceUid, root = m_dataFolder.root();
    auto* watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, viewer, [viewer, watcher, series] {
        watcher->deleteLater();
        const auto& shown = viewer->volume();
        if (shown && shown->description.seriesInstanceUid == series && !watcher->result().isEmpty()) viewer->restoreAnnotations(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(m_fileWork, [root, series] {
        auto store = AnnotationStore::open(root);
        auto content = store.ok() ? store->load(series) : Result<QByteArray>(failure(store.error()));
        return content.ok() ? content.value() : QByteArray();
    }));
}

void MainWindow::saveAnnotations(SliceViewer* viewer) {
    if (!viewer->volume()) return;
    const QString series = viewer->volume()->description.seriesInstanceUid, root = m_dataFolder.root();
    const QByteArray content = viewer->annotations();
    (void)QtConcurrent::run(m_fileWork, [root, series, content] {  // one writer: saves land in order
        if (auto store = AnnotationStore::open(root); store.ok()) (void)store->save(series, content);
    });
}

void MainWindow::onArchiveJobFailed(const QString& message) {
    m_progress->setVisible(false);
    m_cancelImport->setVisible(false);
    m_statusText->setText(tr("Archive: %1").arg(message));
}

void MainWindow::showViewerState() {
    if (!m_viewerState) return;  // called while the window is being made
    if (!m_viewer->hasVolume()) return m_viewerState->clear();
    m_viewerState->setText(tr("Image %1/%2   W %3  L %4")
                               .arg(m_viewer->slice() + 1)
                               .arg(m_viewer->sliceCount())
                               .arg(m_viewer->windowWidth(), 0, 'f', 0)
                               .arg(m_viewer->windowCenter(), 0, 'f', 0));
}

QString MainWindow::statusText() const { return m_statusText->text(); }

void MainWindow::chooseAndImport(bool folders) {
    const QStringList paths =
        folders ? QStringList{QFileDialog::getExistingDirectory(this, tr("Import a folder, CD or USB stick"))}
                : QFileDialog::getOpenFileNames(this, tr("Import DICOM files"));
    if (!paths.isEmpty() && !paths.front().isEmpty()) importPaths(paths);
}

void MainWindow::importPaths(const QStringList& paths) {
    if (m_archiveJobs->importRunning()) {
        m_statusText->setText(tr("An import is already running."));
        return;
    }
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancelImport->setVisible(true);
    m_statusText->setText(tr("Import: looking for files..."));
    m_archiveJobs->startImport(paths);
}

void MainWindow::onImportProgress(int files, int total, double megabytesPerSecond) {
    m_progress->setRange(0, total);
    m_progress->setValue(files);
    m_statusText->setText(tr("Import: %1 of %2 files, %3 MB/s").arg(files).arg(total).arg(megabytesPerSecond, 0, 'f', 0));
}

void MainWindow::onImportFinished(const ImportReport& report) {
    m_progress->setVisible(false);
    m_cancelImport->setVisible(false);
    // In the interface's language (report.summary() is telerad-cli's fixed English line).
    const QString summary = tr("%1 imported, %2 already in the archive, %3 refused")
                                .arg(report.imported)
                                .arg(report.duplicates)
                                .arg(report.rejected.size()) +
                            (report.cancelled ? tr(" (cancelled)") : QString());
    m_statusText->setText(tr("Import finished: %1").arg(summary));
    m_archiveJobs->refreshStudies();
    if (report.rejected.isEmpty()) return;
    // Not modal: the radiologist may keep reading while the report is open.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Import report"),
                                tr("%1\n\nSome files were not imported; details below.").arg(summary),
                                QMessageBox::Ok, this);
    QStringList lines;
    for (const auto& rejection : report.rejected) lines << rejection.message;
    box->setDetailedText(lines.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("importReport"));
    box->open();
}

void MainWindow::showStudies(const QList<BrowserRow>& rows) {
    m_studyBrowser->setRows(rows);
    const QStringList wanted = m_studyBrowser->takeThumbnailRequests();
    if (!wanted.isEmpty()) m_archiveJobs->makeThumbnails(wanted);
}

void MainWindow::openSeriesItem(QTreeWidgetItem* item) {
    const QString seriesUid = item->data(0, Qt::UserRole).toString();
    if (seriesUid.isEmpty()) return;
    if (item->text(0).startsWith(QLatin1String("SR ")) || item->text(0).startsWith(QLatin1String("DOC "))) {
        m_readingPanel->tabs()->setCurrentIndex(2);  // reports are read there, not in the image viewer
        m_statusText->setText(tr("%1 holds a report or a notice: see Reading > Reports").arg(item->text(0)));
        return;
    }
    loadSeriesInto(m_viewer, seriesUid);
    m_statusText->setText(tr("Loading series %1...").arg(item->text(0)));
}

void MainWindow::createNetworking() {
    m_network = new NetworkService(m_dataFolder.root(), this);
    m_transfers = new TransferMonitor(m_network, this);
    auto* dock = new QDockWidget(tr("Transfers"), this);
    dock->setObjectName(QStringLiteral("transfersDock"));
    dock->setWidget(m_transfers);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {190}, Qt::Vertical);  // the images keep most of the screen
    m_browserRefresh = new QTimer(this);
    m_browserRefresh->setSingleShot(true);
    m_browserRefresh->setInterval(1000);
    connect(m_browserRefresh, &QTimer::timeout, m_archiveJobs, &ArchiveJobs::refreshStudies);
    connect(m_network, &NetworkService::instanceArchived, m_browserRefresh, [this] {
        if (!m_browserRefresh->isActive()) m_browserRefresh->start();
    });
    connect(m_network, &NetworkService::failed, this, [this](const QString& message) { m_statusText->setText(tr("Network: %1").arg(message)); });
    m_browser->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_browser, &QTreeWidget::customContextMenuRequested, this, &MainWindow::showBrowserMenu);
    createReading(dock);
    m_network->restartService();
}

void MainWindow::createReading(QDockWidget* transfersDock) {
    m_reading = new ReadingService(m_dataFolder.root(), m_network, this);
    m_readingPanel = new ReadingPanel(m_reading, this);
    auto* dock = new QDockWidget(tr("Reading"), this);
    dock->setObjectName(QStringLiteral("readingDock"));
    dock->setWidget(m_readingPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(transfersDock, dock);
    dock->raise();
    m_readingRefresh = new QTimer(this);
    m_readingRefresh->setSingleShot(true);
    m_readingRefresh->setInterval(1000);
    connect(m_readingRefresh, &QTimer::timeout, m_reading, &ReadingService::refresh);
    connect(m_network, &NetworkService::readingChanged, m_readingRefresh, [this] {
        if (!m_readingRefresh->isActive()) m_readingRefresh->start();
    });
    connect(m_network, &NetworkService::jobsListed, m_readingRefresh, [this] {  // sent, delivered
        if (!m_readingRefresh->isActive()) m_readingRefresh->start();
    });
    connect(m_readingPanel, &ReadingPanel::openStudyRequested, this, &MainWindow::openStudy);
    connect(m_readingPanel, &ReadingPanel::writeReportRequested, this, &MainWindow::showReportEditor);
    connect(m_readingPanel, &ReadingPanel::viewReportRequested, this, &MainWindow::showReport);
    connect(m_reading, &ReadingService::reportOpened, this, [this](const QString&, const QString& text, const QString& signature, const QString& pdf) {
        auto* box = new QMessageBox(QMessageBox::Information, tr("Report"), text, QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName(QStringLiteral("reportViewer"));
        box->setInformativeText(tr("Signature: %1").arg(signature));
        if (!pdf.isEmpty())
            connect(box->addButton(tr("Open PDF"), QMessageBox::ActionRole), &QPushButton::clicked, this,
                    [pdf] { QDesktopServices::openUrl(QUrl::fromLocalFile(pdf)); });
        box->open();
    });
}

// The study's first image series, as the browser lists it.
void MainWindow::openStudy(const QString& studyUid) {
    for (QTreeWidgetItemIterator it(m_browser); *it; ++it) {
        if ((*it)->data(0, kSendableUidRole).toString() != studyUid) continue;
        for (int i = 0; i < (*it)->childCount(); ++i) {
            QTreeWidgetItem* series = (*it)->child(i);
            if (!series->text(0).startsWith(QLatin1String("SR ")) && !series->text(0).startsWith(QLatin1String("DOC ")))
                return openSeriesItem(series);
        }
    }
    m_statusText->setText(tr("Study %1 is not in the archive yet").arg(studyUid));
}

void MainWindow::showReport(const QString& reportUid) { m_reading->openReport(reportUid); }

void MainWindow::showSendForReading(const QString& studyUid, const QString& patient) {
    auto book = NodeBook::load(m_dataFolder.root());
    if (!book.ok()) return (void)QMessageBox::warning(this, tr("Send for reading"), book.error());
    auto* dialog = new SendForReadingDialog(book.value(), patient, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("sendForReading"));
    connect(dialog, &QDialog::accepted, this, [this, dialog, studyUid] { m_reading->requestRead(dialog->readingNode(), studyUid, dialog->request()); });
    dialog->open();
}

// Leaving ends the session: audited as a logout when someone signed in (written by the
// window's file thread, which the window waits for as it goes).
void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    if (m_session.role)
        (void)QtConcurrent::run(m_fileWork, [root = m_dataFolder.root()] {
            (void)recordAudit(root, {QString(audit::kLogout), true, {}, {}, {}, QStringLiteral("closed Telerad")});
        });
    QMainWindow::closeEvent(event);
}

void MainWindow::setSession(const SignedIn& session, std::chrono::milliseconds autoLock) {
    m_session = session;
    m_networkAction->setEnabled(session.allows(Permission::ManageNodes));
    m_auditAction->setEnabled(session.allows(Permission::ReadAuditTrail));
    for (const char* button : {"claimButton", "writeReportButton"})  // claiming is reading: radiologists
        if (auto* found = m_readingPanel->findChild<QPushButton*>(QLatin1String(button))) found->setEnabled(session.allows(Permission::SignReports));
    m_lockAction->setVisible(session.role.has_value());
    m_userLabel->setText(session.role ? tr("%1 (%2)").arg(session.actor.user, roleName(*session.role)) : session.actor.user);
    delete m_lock;
    m_lock = session.role ? new InactivityLock(this, m_dataFolder.root(), session.actor.user, autoLock) : nullptr;
}

// Says who may, and does nothing, when the signed-in role may not.
bool MainWindow::refuseUnless(Permission permission, const QString& what) {
    if (m_session.allows(permission)) return false;
    m_statusText->setText(tr("%1: %2").arg(what, permissionHolders(permission)));
    return true;
}

void MainWindow::showAuditTrail() {
    if (refuseUnless(Permission::ReadAuditTrail, tr("Audit trail"))) return;
    auto* dialog = new AuditViewerDialog(m_dataFolder.root(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("auditViewer"));
    dialog->open();
}

void MainWindow::showReportEditor(const QString& studyUid, const QString& patient, const QString& modality) {
    if (refuseUnless(Permission::SignReports, tr("Write report"))) return;
    auto* editor = new ReportEditorDialog(m_reading, m_dataFolder.root(), studyUid, patient, modality, this);
    editor->setFindingsSource([this, studyUid] {
        const auto& volume = m_viewer->volume();
        return volume && volume->description.studyInstanceUid == studyUid ? m_viewer->findingsText() : QStringList();
    });
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setObjectName(QStringLiteral("reportEditor"));
    editor->show();
}

void MainWindow::exportToFolder(const QString& uid, const QString& folder, const std::optional<DeidentificationOptions>& deidentify) {
    m_statusText->setText(tr("Exporting to %1...").arg(folder));
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        m_statusText->setText(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(m_fileWork, [root = m_dataFolder.root(), uid, folder, deidentify] {
        auto archive = Archive::open(root);
        auto report = archive.ok() ? exportStudy(archive.value(), uid, folder, deidentify) : Result<ExportReport>(failure(archive.error()));
        if (!report.ok()) return tr("Export failed: %1").arg(report.error());
        QString text = tr("%1 exported to %2, %3 skipped").arg(report->exported).arg(folder).arg(report->skipped.size());
        if (!report->burnedIn.isEmpty()) text += tr(" - check the pixels of %n image(s): they may show the patient's name", nullptr, int(report->burnedIn.size()));
        return text;
    }));
}

// The address book is a small JSON file: read when a menu or dialog needs it.
std::vector<Node> MainWindow::nodes() const {
    auto book = NodeBook::load(m_dataFolder.root());
    return book.ok() ? book->nodes() : std::vector<Node>{};
}

void MainWindow::sendTo(const QString& node, const QString& uid) {
    m_network->sendStudy(node, uid);
    m_statusText->setText(tr("Queued for %1: see Transfers").arg(node));
    findChild<QDockWidget*>(QStringLiteral("transfersDock"))->raise();  // its progress in sight
}

// A deleted study or series leaves no viewer on its images.
void MainWindow::closeViewersShowing(const QString& studyOrSeriesUid) {
    for (SliceViewer* viewer : m_viewerArea->viewers()) {
        if (!viewer->hasVolume()) continue;
        const ImageDescription& shown = viewer->volume()->description;
        if (shown.studyInstanceUid != studyOrSeriesUid && shown.seriesInstanceUid != studyOrSeriesUid) continue;
        endThreePlaneMpr();  // its three planes go with it
        viewer->setVolume(nullptr);
    }
    showViewerState();
}

void MainWindow::showBrowserMenu(const QPoint& position) {
    QTreeWidgetItem* item = m_browser->itemAt(position);
    const QString uid = item ? item->data(0, kSendableUidRole).toString() : QString();
    if (uid.isEmpty()) return;
    QMenu menu(this);
    if (item->parent() && !item->parent()->parent()) {  // a study: patient > study > series
        const QString patient = item->parent()->text(0);
        const QString modality = item->childCount() ? item->child(0)->text(0).section(QLatin1Char(' '), 0, 0) : QString();
        menu.addAction(tr("Send for reading..."), this, [this, uid, patient] { showSendForReading(uid, patient); });
        menu.addAction(tr("Write report..."), this, [this, uid, patient, modality] { showReportEditor(uid, patient, modality); });
        menu.addSeparator();
    }
    const auto exportTo = [this, uid](std::optional<DeidentificationOptions> deidentify) {
        const QString folder = QFileDialog::getExistingDirectory(this, deidentify ? tr("Export de-identified to") : tr("Export to"));
        if (!folder.isEmpty()) exportToFolder(uid, folder, deidentify);
    };
    QMenu* send = menu.addMenu(tr("Send to"));
    const std::vector<Node> book = nodes();
    if (book.empty()) send->addAction(tr("no node yet (Settings > Network)"))->setEnabled(false);
    for (const Node& n : book) {
        const QString node = n.name;
        send->addAction(n.tls ? node : tr("%1 (NOT SECURE)").arg(node), this, [this, node, uid] { sendTo(node, uid); });
    }
    menu.addAction(tr("Export to folder..."), this, [exportTo] { exportTo(std::nullopt); });
    menu.addAction(tr("Export de-identified..."), this, [exportTo] { exportTo(DeidentificationOptions{}); });
    menu.addSeparator();  // away from the everyday actions: it cannot be undone
    menu.addAction(tr("Delete..."), this, [this, item, uid] { confirmDelete(item->text(0), uid); });
    menu.exec(m_browser->viewport()->mapToGlobal(position));
}

void MainWindow::confirmDelete(const QString& what, const QString& uid) {
    if (refuseUnless(Permission::DeleteStudies, tr("Delete"))) return;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete from the archive"),
                                tr("Delete %1 from this workstation's archive?\n\nIts images are removed from the disk; "
                                   "this cannot be undone.").arg(what),
                                QMessageBox::Cancel, this);
    box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, uid](QAbstractButton* button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole) m_archiveJobs->deleteStudyOrSeries(uid);
    });
    box->open();
}

void MainWindow::showNetworkSettings() {
    if (refuseUnless(Permission::ManageNodes, tr("Network settings"))) return;
    auto book = NodeBook::load(m_dataFolder.root());
    if (!book.ok()) {
        QMessageBox::warning(this, tr("Network settings"), book.error());
        return;
    }
    auto* dialog = new NetworkSettingsDialog(book.value(), m_network, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("networkSettings"));
    dialog->open();
}

void MainWindow::showQueryRetrieve() {
    QStringList names;
    for (const Node& node : nodes()) names << node.name;
    auto* dialog = new QueryRetrieveDialog(names, m_network, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("queryRetrieve"));
    dialog->show();
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Telerad"),
                       tr("<b>Telerad %1</b><p>Teleradiology workstation: secure DICOM, "
                          "diagnostic viewer, signed reports.</p><p>Data folder: %2</p>")
                           .arg(QString::fromLatin1(kVersion), m_dataFolder.root()));
}

}  // namespace telerad
