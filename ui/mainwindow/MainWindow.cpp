#include "MainWindow.h"

#include "DemoStudyJob.h"
#include "common/Version.h"
#include "viewer/SliceViewer.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeWidget>

namespace telerad {

MainWindow::MainWindow(DataFolder dataFolder, QWidget* parent)
    : QMainWindow(parent), m_dataFolder(std::move(dataFolder)) {
    setWindowTitle(tr("Telerad"));
    resize(1280, 800);

    m_browser = new QTreeWidget(this);
    m_browser->setHeaderLabels({tr("Patient / Study / Series"), tr("Images")});
    m_browser->header()->setStretchLastSection(false);
    m_browser->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_browser->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_browser->setMinimumWidth(260);
    m_browser->setObjectName(QStringLiteral("studyBrowser"));

    m_viewer = new SliceViewer(this);
    m_viewer->setObjectName(QStringLiteral("sliceViewer"));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_browser);
    splitter->addWidget(m_viewer);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 940});
    setCentralWidget(splitter);

    createMenus();
    createStatusBar();
    connect(m_viewer, &SliceViewer::sliceChanged, this, &MainWindow::showViewerState);
    connect(m_viewer, &SliceViewer::windowChanged, this, &MainWindow::showViewerState);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* import = file->addAction(tr("&Import..."));
    import->setEnabled(false);
    import->setToolTip(tr("Import arrives with the local archive"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* overlay = view->addAction(tr("Show &overlay"));
    overlay->setCheckable(true);
    overlay->setChecked(true);
    connect(overlay, &QAction::toggled, m_viewer, &SliceViewer::setOverlayVisible);
    view->addAction(tr("&Reset view"), m_viewer, &SliceViewer::resetView);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Telerad"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar() {
    m_statusText = new QLabel(tr("Data folder: %1").arg(m_dataFolder.root()), this);
    m_viewerState = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_viewerState);
}

void MainWindow::openDemoStudy() {
    if (m_demoJob) return;
    m_demoJob = new DemoStudyJob(m_dataFolder.demoStudyPath(), this);
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
    const ImageDescription& d = volume->description;
    m_browser->clear();
    auto* patient = new QTreeWidgetItem(m_browser, {QString(d.patientName).replace(QLatin1Char('^'), QLatin1Char(' ')) +
                                                        QStringLiteral(" (") + d.patientId + QLatin1Char(')')});
    auto* studyItem = new QTreeWidgetItem(patient, {d.studyDescription});
    studyItem->setToolTip(0, study.studyInstanceUid);
    auto* series = new QTreeWidgetItem(studyItem, {d.modality + QStringLiteral(" - ") + d.seriesDescription,
                                                   QString::number(study.files.size())});
    series->setToolTip(0, study.seriesInstanceUid);
    m_browser->expandAll();
    m_browser->setCurrentItem(series);
    m_viewer->setVolume(std::move(volume));
    m_statusText->setText(tr("Demo study: %1").arg(study.folder));
}

void MainWindow::onDemoFailed(const QString& message) {
    m_progress->setVisible(false);
    m_statusText->setText(tr("The demo study could not be prepared: %1").arg(message));
}

void MainWindow::showViewerState() {
    if (!m_viewer->hasVolume()) return;
    m_viewerState->setText(tr("Image %1/%2   W %3  L %4")
                               .arg(m_viewer->slice() + 1)
                               .arg(m_viewer->sliceCount())
                               .arg(m_viewer->windowWidth(), 0, 'f', 0)
                               .arg(m_viewer->windowCenter(), 0, 'f', 0));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Telerad"),
                       tr("<b>Telerad %1</b><p>Teleradiology workstation: secure DICOM, "
                          "diagnostic viewer, signed reports.</p><p>Data folder: %2</p>")
                           .arg(QString::fromLatin1(kVersion), m_dataFolder.root()));
}

}  // namespace telerad
