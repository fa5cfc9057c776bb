// A newcomer's first start: the main window opens on an empty data folder, generates the
// demo CT in the background and shows its middle slice with a CT window; scrolling and
// window/level respond to the mouse. A screenshot is saved for people to look at.

#include "GuiTestMain.h"
#include "TestSupport.h"

#include "common/DataFolder.h"
#include "dicom/DemoStudyGenerator.h"
#include "browser/ArchiveJobs.h"
#include "browser/StudyBrowser.h"
#include "browser/StudyTree.h"
#include "mainwindow/MainWindow.h"
#include "security/AuditTrail.h"
#include "reading/ReportEditorDialog.h"
#include "viewer/SliceViewer.h"
#include "viewer/ViewerArea.h"
#include "viewer/VolumeView.h"
#include "vtk/FrameInspector.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QDialog>
#include <QScrollBar>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QAction>
#include <QTemporaryDir>
#include <QDockWidget>
#include <QSettings>
#include <QSplitter>
#include <QThreadPool>
#include <QTest>
#include <QMessageBox>
#include <QTreeWidget>

using namespace telerad;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }
    void cleanup() {
        m_window.reset();
        // The importer's workers are the global pool's: join them so that their SQLite
        // connections to this test's data folder close before the next test removes it.
        QThreadPool::globalInstance()->waitForDone();
    }

    void firstStartShowsTheDemoStudy() {
        openDemoStudyOnAFreshHome();
        if (QTest::currentTestFailed()) return;
        MainWindow& window = *m_window;
        SliceViewer* viewer = window.viewer();

        QVERIFY(viewer->sliceCount() >= 128);
        QCOMPARE(viewer->slice(), viewer->sliceCount() / 2);
        QCOMPARE(viewer->windowCenter(), 40.0);
        QCOMPARE(viewer->windowWidth(), 400.0);
        // The demo study was archived and the browser lists the archive.
        QTRY_COMPARE_WITH_TIMEOUT(window.studyBrowser()->topLevelItemCount(), 1, 30000);
        QVERIFY(window.studyBrowser()->topLevelItem(0)->text(0).contains(QStringLiteral("TELERAD-DEMO")));

        const QImage picture = viewer->grabFramebuffer();
        window.grab().save(test::screenshotPath(QStringLiteral("main-window.png")));
        const FrameStatistics stats = inspectFrame(picture);
        QVERIFY2(!isBlankFrame(picture), "the viewer shows a blank picture");
        QVERIFY2(stats.distinctGrayLevels > 40, qPrintable(QString::number(stats.distinctGrayLevels)));
        QVERIFY2(stats.luminanceStdDev > 20, qPrintable(QString::number(stats.luminanceStdDev)));
        // Soft tissue (about 40 HU, the window centre) fills the middle of the picture: mid-grey.
        const int centreGray = qGray(picture.pixel(picture.width() / 2, picture.height() / 2 - 40));
        QVERIFY2(centreGray > 60 && centreGray < 200, qPrintable(QString::number(centreGray)));

        // Opening the study and copying a picture of it are both in the audit trail.
        window.findChild<QAction*>(QStringLiteral("copyViewAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(auditedDetails(QString(audit::kStudyExported)).join(QLatin1Char('|')).contains(QStringLiteral("to the clipboard")), 10000);
        QVERIFY(!auditedDetails(QString(audit::kStudyViewed)).isEmpty());
        QVERIFY(!auditedDetails(QString(audit::kStudyImported)).isEmpty());

        // What is left on the archive's disk, from the system; red once new studies are refused.
        auto* disk = window.findChild<QLabel*>(QStringLiteral("diskLabel"));
        QVERIFY(disk && disk->isVisible());
        const QRegularExpression freeSpace(QStringLiteral("^Archive: (only )?(\\d+(\\.\\d)?) GB free$"));
        const QRegularExpressionMatch shown = freeSpace.match(disk->text());
        QVERIFY2(shown.hasMatch(), qPrintable(disk->text()));
        auto* jobs = window.findChild<ArchiveJobs*>();
        emit jobs->diskSpace(300LL * 1000 * 1000, 512LL << 20);
        QCOMPARE(disk->text(), QStringLiteral("Archive disk full (0.3 GB free): new studies are refused"));
        QVERIFY(disk->styleSheet().contains(QStringLiteral("#be0000")));
        jobs->refreshStudies();  // the next listing tells the truth again
        QTRY_VERIFY(freeSpace.match(disk->text()).hasMatch());
    }

    void wheelScrollsAndRightDragChangesTheWindow() {
        openDemoStudyOnAFreshHome();
        if (QTest::currentTestFailed()) return;
        SliceViewer* viewer = m_window->viewer();

        const int before = viewer->slice();
        const QPointF centre = QRectF(viewer->rect()).center();
        QWheelEvent wheel(centre, viewer->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewer, &wheel);
        QCOMPARE(viewer->slice(), before + 1);
        QTest::keyClick(viewer, Qt::Key_Down);
        QTest::keyClick(viewer, Qt::Key_Down);
        QCOMPARE(viewer->slice(), before - 1);
        // The scroll bar beside the viewer follows, and drives.
        auto* bar = m_window->findChild<QScrollBar*>(QStringLiteral("sliceBar"));
        QVERIFY(bar);
        QCOMPARE(bar->maximum(), viewer->sliceCount() - 1);
        QCOMPARE(bar->value(), before - 1);
        bar->setValue(10);
        QCOMPARE(viewer->slice(), 10);
        bar->setValue(before - 1);

        const QImage beforeWindow = viewer->grabFramebuffer();
        const double widthBefore = viewer->windowWidth();
        QTest::mousePress(viewer, Qt::RightButton, Qt::NoModifier, centre.toPoint());
        QMouseEvent move(QEvent::MouseMove, centre + QPointF(120, 0), viewer->mapToGlobal(centre + QPointF(120, 0)),
                         Qt::NoButton, Qt::RightButton, Qt::NoModifier);
        QApplication::sendEvent(viewer, &move);
        QTest::mouseRelease(viewer, Qt::RightButton, Qt::NoModifier, (centre + QPointF(120, 0)).toPoint());
        QVERIFY2(viewer->windowWidth() > widthBefore,
                 qPrintable(QStringLiteral("%1 -> %2").arg(widthBefore).arg(viewer->windowWidth())));
        QVERIFY(viewer->grabFramebuffer() != beforeWindow);
    }

    void planesPresetsInvertAnd3dOfTheDemoStudy() {
        openDemoStudyOnAFreshHome();
        if (QTest::currentTestFailed()) return;
        SliceViewer* viewer = m_window->viewer();
        QCOMPARE(viewer->viewPlane(), ViewPlane::Axial);
        QCOMPARE(viewer->sideLabels().left + viewer->sideLabels().top, QStringLiteral("RA"));
        // The key C reformats to coronal: as many slices as the volume has rows, head up.
        QTest::keyClick(viewer, Qt::Key_C);
        QCOMPARE(viewer->viewPlane(), ViewPlane::Coronal);
        QCOMPARE(viewer->sliceCount(), 512);
        QCOMPARE(viewer->sideLabels().top, QStringLiteral("H"));
        const QImage coronal = viewer->grabFramebuffer();
        QVERIFY(!isBlankFrame(coronal));
        m_window->grab().save(test::screenshotPath(QStringLiteral("viewer-coronal.png")));
        // The presets: the file's own windows, then CT's; key 4 is the second CT one after the
        // file's two (subdural).
        const std::vector<WindowPreset> presets = viewer->presets();
        QCOMPARE(presets.size(), size_t(10));
        QCOMPARE(presets[5].name, QStringLiteral("Lung"));
        QTest::keyClick(viewer, Qt::Key_5);
        QCOMPARE(viewer->windowCenter(), -600.0);
        QCOMPARE(viewer->windowWidth(), 1500.0);
        // Invert: what was dark is light.
        const VolumeGeometry& g = viewer->volume()->geometry;
        const QPoint corner = viewer->widgetPositionOf(g.patientPosition(3, 3, g.dimensions[2] / 2)).toPoint();  // air beside the body
        const int before = qGray(viewer->grabFramebuffer().pixel(corner));
        QTest::keyClick(viewer, Qt::Key_I);
        QVERIFY(viewer->inverted());
        const int after = qGray(viewer->grabFramebuffer().pixel(corner));
        QVERIFY2(before < 100 && std::abs(before + after - 255) < 8, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QTest::keyClick(viewer, Qt::Key_I);
        // A thick MIP slab brightens the vessels and bones around the plane.
        viewer->setSlab(SlabMode::Maximum, 40);
        QVERIFY(viewer->grabFramebuffer() != coronal);
        viewer->setSlab(SlabMode::None, 0);
        // Image > 3D volume rendering opens on the same volume and draws something.
        m_window->showVolumeRendering();
        auto* dialog = m_window->findChild<QDialog*>(QStringLiteral("volumeRendering"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto* view = dialog->findChild<VolumeView*>();
        QVERIFY(view);
        const QImage rendering = view->grabFramebuffer();
        QVERIFY(!isBlankFrame(rendering));
        QVERIFY2(inspectFrame(rendering).distinctGrayLevels > 40, "a shaded rendering, not a silhouette");
        dialog->grab().save(test::screenshotPath(QStringLiteral("viewer-3d.png")));
        dialog->close();
    }

    void measurementsAndKeyImagesGoIntoTheReport() {
        openDemoStudyOnAFreshHome();
        if (QTest::currentTestFailed()) return;
        SliceViewer* viewer = m_window->viewer();
        QTest::keyClick(viewer, Qt::Key_D);
        QVERIFY(viewer->measuring());
        const double widthBefore = viewer->windowWidth();
        const QPointF centre = QRectF(viewer->rect()).center(), from = centre - QPointF(80, 0), to = centre + QPointF(80, 0);
        QTest::mousePress(viewer, Qt::LeftButton, Qt::NoModifier, from.toPoint());
        QMouseEvent move(QEvent::MouseMove, to, viewer->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewer, &move);
        QTest::mouseRelease(viewer, Qt::LeftButton, Qt::NoModifier, to.toPoint());
        QCOMPARE(viewer->measurements().size(), size_t(1));
        QCOMPARE(viewer->windowWidth(), widthBefore);  // the drag measured; it did not change the window
        // 160 screen pixels at the zoom shown, 0.78125 mm per image pixel.
        const double expected = 160 / viewer->zoomFactor() * 0.78125;
        QVERIFY2(std::abs(viewer->measurements().front().millimetres() - expected) < 0.5,
                 qPrintable(QStringLiteral("%1 mm measured, %2 expected").arg(viewer->measurements().front().millimetres()).arg(expected)));
        QVERIFY(m_window->statusText().startsWith(QStringLiteral("Distance ")));
        QTest::keyClick(viewer, Qt::Key_K);
        const QStringList findings = viewer->findingsText();
        QCOMPARE(findings.size(), 2);
        QVERIFY2(findings[0].startsWith(QStringLiteral("Distance ")) && findings[0].endsWith(QStringLiteral("mm (axial image 81)")), qPrintable(findings[0]));
        QCOMPARE(findings[1], QStringLiteral("Key image: axial image 81, location 160.0 mm"));
        m_window->grab().save(test::screenshotPath(QStringLiteral("viewer-measurement.png")));
        // The report editor of this study takes them in.
        m_window->showReportEditor(viewer->volume()->description.studyInstanceUid, QStringLiteral("DEMO"), QStringLiteral("CT"));
        auto* editor = m_window->findChild<ReportEditorDialog*>(QStringLiteral("reportEditor"));
        QVERIFY(editor);
        editor->insertViewerFindings();
        QVERIFY(editor->sectionEdit(SectionKey::Findings)->toPlainText().contains(findings[1]));
        editor->close();
        // Kept with the series: opened again from the browser, they are back.
        QTreeWidgetItem* series = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(!(m_window->studyBrowser()->findItems(QStringLiteral("CT - Axial"), Qt::MatchStartsWith | Qt::MatchRecursive)).isEmpty(), 30000);
        series = m_window->studyBrowser()->findItems(QStringLiteral("CT - Axial"), Qt::MatchStartsWith | Qt::MatchRecursive).front();
        viewer->setVolume(nullptr);
        QCOMPARE(viewer->measurements().size(), size_t(0));
        emit m_window->studyBrowser()->itemActivated(series, 0);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->measurements().size() == 1 && viewer->keyImageCount() == 1, 30000);
    }

    void layoutsDropsAndSynchronisedScrolling() {
        openDemoStudyOnAFreshHome();
        if (QTest::currentTestFailed()) return;
        SliceViewer* first = m_window->viewer();
        const QString series = first->volume()->description.seriesInstanceUid;
        m_window->viewerArea()->setGrid(1, 2);
        const QList<SliceViewer*> viewers = m_window->viewerArea()->viewers();
        QCOMPARE(viewers.size(), 2);
        SliceViewer* second = viewers[1];
        QVERIFY(!second->hasVolume());
        // A series dropped on the second viewport opens there (as a drag from the browser does).
        emit m_window->viewerArea()->seriesDropped(second, series);
        QTRY_VERIFY_WITH_TIMEOUT(second->sliceCount() == first->sliceCount(), 60000);  // the whole series, after its preview
        QCOMPARE(m_window->viewer(), second);  // the drop made it the active one
        QVERIFY(first->hasVolume());
        // Scrolling one moves the other to the same position.
        first->setSlice(30);
        QCOMPARE(second->slicePosition(), first->slicePosition());
        QCOMPARE(second->slice(), 30);
        second->setViewPlane(ViewPlane::Coronal);  // another plane: not followed
        first->setSlice(40);
        QCOMPARE(second->viewPlane(), ViewPlane::Coronal);
        second->setViewPlane(ViewPlane::Axial);
        m_window->viewerArea()->setSynchronised(false);
        first->setSlice(50);
        QVERIFY(second->slice() != 50);
        m_window->viewerArea()->setSynchronised(true);
        // Clicking a viewport makes it active: the menus then act on it.
        QTest::mouseClick(first, Qt::MiddleButton, Qt::NoModifier, QPoint(20, 20));
        QCOMPARE(m_window->viewer(), first);
        m_window->grab().save(test::screenshotPath(QStringLiteral("viewer-layout-1x2.png")));
        m_window->viewerArea()->setGrid(1, 1);
        QCOMPARE(m_window->viewerArea()->viewers().size(), 1);
    }

    void importShowsTheStudyInTheBrowserAndOpensIt() {
        openDemoStudyOnAFreshHome();
        if (QTest::currentTestFailed()) return;
        QTemporaryDir input;
        DemoStudySpec spec;
        spec.rows = spec.columns = 96;
        spec.slices = 12;
        spec.patientName = QStringLiteral("IMPORTED^Patient");
        spec.patientId = QStringLiteral("IMP-1");
        auto study = DemoStudyGenerator::write(input.path(), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        { QFile junk(input.filePath(QStringLiteral("notes.txt"))); QVERIFY(junk.open(QIODevice::WriteOnly)); junk.write("x"); }

        m_window->importPaths({input.path()});
        // 12 slices in; the generator's marker and the text file are reported, not imported.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("12 imported, 0 already in the archive, 2 refused")), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->studyBrowser()->topLevelItemCount(), 2, 30000);
        const auto found = m_window->studyBrowser()->findItems(QStringLiteral("IMP-1"), Qt::MatchContains | Qt::MatchRecursive);
        QCOMPARE(found.size(), 1);
        auto* report = m_window->findChild<QMessageBox*>(QStringLiteral("importReport"));
        QVERIFY(report);
        QVERIFY(report->detailedText().contains(QStringLiteral("notes.txt")));
        report->close();

        QTreeWidgetItem* series = found.front()->child(0)->child(0);
        QCOMPARE(series->text(1), QStringLiteral("12"));
        emit m_window->studyBrowser()->itemActivated(series, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->viewer()->sliceCount(), 12, 30000);
        QVERIFY2(m_window->statusText().startsWith(QStringLiteral("IMPORTED Patient")), qPrintable(m_window->statusText()));
        QVERIFY(!isBlankFrame(m_window->viewer()->grabFramebuffer()));

        // Browser > Export de-identified: the files arrive without the patient's name.
        QTemporaryDir exported;
        m_window->exportToFolder(study->studyInstanceUid, exported.path(), DeidentificationOptions{});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().startsWith(QStringLiteral("12 exported to %1, 0 skipped").arg(exported.path())), 30000);
        const QStringList files = test::filesUnder(exported.path(), QStringLiteral("*.dcm"));
        QCOMPARE(files.size(), 12);
        QFile first(exported.filePath(files.first()));
        QVERIFY(first.open(QIODevice::ReadOnly));
        const QByteArray bytes = first.readAll();
        QVERIFY(!bytes.contains("IMPORTED") && !bytes.contains("IMP-1") && bytes.contains("ANON0001"));

        // Each series gets its thumbnail (made off the GUI thread, kept in thumbnails/).
        QTreeWidgetItem* demoSeries = m_window->studyBrowser()->topLevelItem(0)->child(0)->child(0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->studyBrowser()->topLevelItem(0)->child(0)->child(0)->icon(0).isNull() &&
                                     !m_window->studyBrowser()->topLevelItem(1)->child(0)->child(0)->icon(0).isNull(), 30000);
        QVERIFY(demoSeries);
        QVERIFY(QFile::exists(m_home->filePath(QStringLiteral("thumbnails/%1-64-12.png").arg(study->seriesInstanceUid))));
        m_window->grab().save(test::screenshotPath(QStringLiteral("after-import.png")));

        // The search bar: by name, ID or accession; by date range; by modality.
        StudyBrowser* search = m_window->studySearch();
        search->searchField()->setText(QStringLiteral("imp-1"));
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 1);
        QVERIFY(m_window->studyBrowser()->topLevelItem(0)->text(0).contains(QStringLiteral("IMP-1")));
        QVERIFY(!m_window->studyBrowser()->topLevelItem(0)->child(0)->child(0)->icon(0).isNull());  // kept through the filter
        search->searchField()->setText(QStringLiteral("nobody"));
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 0);
        search->searchField()->clear();
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 2);
        search->fromDate()->setDate(QDate(2100, 1, 1));
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 0);
        search->fromDate()->setDate(search->fromDate()->minimumDate());  // "any"
        search->toDate()->setDate(QDate(2100, 1, 1));
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 2);
        search->toDate()->setDate(search->toDate()->minimumDate());
        QCOMPARE(search->modalityFilter()->findText(QStringLiteral("CT")), 1);
        search->modalityFilter()->addItem(QStringLiteral("US"));  // as if an US were archived too
        search->modalityFilter()->setCurrentText(QStringLiteral("US"));
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 0);
        search->modalityFilter()->setCurrentIndex(0);
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 2);

        // The study about to be deleted is open in the viewer.
        QTreeWidgetItem* imported = m_window->studyBrowser()->findItems(QStringLiteral("IMP-1"), Qt::MatchContains | Qt::MatchRecursive).value(0);
        QVERIFY(imported && imported->child(0) && imported->child(0)->child(0));
        emit m_window->studyBrowser()->itemActivated(imported->child(0)->child(0), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->viewer()->hasVolume() &&
                                     m_window->viewer()->volume()->description.studyInstanceUid == study->studyInstanceUid, 30000);
        QVERIFY(m_window->viewer()->overlayTexts().join(QLatin1Char(' ')).contains(QStringLiteral("IMP-1")));

        // Delete asks first; cancelling keeps the study, confirming removes it.
        m_window->confirmDelete(QStringLiteral("IMPORTED Patient"), study->studyInstanceUid);
        auto* ask = m_window->findChild<QMessageBox*>(QStringLiteral("confirmDelete"));
        QVERIFY(ask);
        ask->button(QMessageBox::Cancel)->click();
        QTest::qWait(200);
        QCOMPARE(m_window->studyBrowser()->topLevelItemCount(), 2);
        QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("confirmDelete")));
        m_window->confirmDelete(QStringLiteral("IMPORTED Patient"), study->studyInstanceUid);
        ask = m_window->findChild<QMessageBox*>(QStringLiteral("confirmDelete"));
        QVERIFY(ask);
        for (QAbstractButton* button : ask->buttons())
            if (ask->buttonRole(button) == QMessageBox::DestructiveRole) button->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->studyBrowser()->topLevelItemCount(), 1, 30000);
        QVERIFY(m_window->studyBrowser()->findItems(QStringLiteral("IMP-1"), Qt::MatchContains | Qt::MatchRecursive).isEmpty());
        QVERIFY2(m_window->statusText().startsWith(QStringLiteral("Deleted %1: 12 image(s)").arg(study->studyInstanceUid)), qPrintable(m_window->statusText()));
        QVERIFY(auditedDetails(QString(audit::kStudyDeleted)).join(QLatin1Char('|')).contains(QStringLiteral("12 instance(s) deleted")));
        // Its thumbnail shows the patient too: gone with it; the other study's stays.
        QVERIFY(!QFile::exists(m_home->filePath(QStringLiteral("thumbnails/%1-64-12.png").arg(study->seriesInstanceUid))));
        QCOMPARE(QDir(m_home->filePath(QStringLiteral("thumbnails"))).entryList(QDir::Files).size(), 1);
        // ...and no viewer is left on its images, nor on its patient's name.
        QVERIFY(!m_window->viewer()->hasVolume());
        QVERIFY2(m_window->viewer()->overlayTexts().isEmpty(), qPrintable(m_window->viewer()->overlayTexts().join(QLatin1Char('|'))));
        m_window->grab().save(test::screenshotPath(QStringLiteral("after-delete.png")));
    }

    // Real archives hold series without a Modality (the corpus has several): they are
    // listed, and the filter still starts on "All modalities" and keeps a choice made.
    void aSeriesWithoutModalityDoesNotNarrowTheBrowser() {
        StudyBrowser browser;
        const auto row = [](const char* series, const char* modality) {
            BrowserRow r;
            r.patientId = QStringLiteral("P1");
            r.studyUid = QStringLiteral("1.2.3");
            r.seriesUid = QLatin1String(series);
            r.modality = QLatin1String(modality);
            r.instances = 1;
            return r;
        };
        const QList<BrowserRow> rows{row("1.2.3.1", "CT"), row("1.2.3.2", ""), row("1.2.3.3", "MR")};
        browser.setRows(rows);
        QCOMPARE(browser.modalityFilter()->currentIndex(), 0);
        QCOMPARE(browser.modalityFilter()->count(), 3);  // all, CT, MR
        QCOMPARE(browser.visibleRows().size(), 3);
        browser.modalityFilter()->setCurrentText(QStringLiteral("MR"));
        QCOMPARE(browser.visibleRows().size(), 1);
        browser.setRows(rows);  // a refresh keeps the choice
        QCOMPARE(browser.modalityFilter()->currentText(), QStringLiteral("MR"));
        QCOMPARE(browser.visibleRows().size(), 1);
        // An anonymous patient, a study without date or description, series without one.
        browser.modalityFilter()->setCurrentIndex(0);
        QTreeWidgetItem* patient = browser.tree()->topLevelItem(0);
        QCOMPARE(patient->text(0), QStringLiteral("no name (P1)"));
        QCOMPARE(patient->child(0)->text(0), QStringLiteral("no date"));
        QCOMPARE(patient->child(0)->child(0)->text(0), QStringLiteral("CT"));
        QCOMPARE(patient->child(0)->child(1)->text(0), QStringLiteral("no description"));
    }

    // Size, panels and the browser's width come back at the next start (per user).
    void theWindowComesBackAsItWasLeft() {
        QTemporaryDir home;
        auto folder = DataFolder::open(home.path());
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        {
            MainWindow first(folder.value());
            first.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first));
            first.findChild<QDockWidget*>(QStringLiteral("readingDock"))->hide();
            first.resize(1100, 700);
            first.findChild<QSplitter*>(QStringLiteral("browserViewerSplitter"))->setSizes({500, 600});
            QTRY_COMPARE(first.size(), QSize(1100, 700));
            first.close();
        }
        MainWindow second(folder.value());
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QCOMPARE(second.size(), QSize(1100, 700));
        QVERIFY(!second.findChild<QDockWidget*>(QStringLiteral("readingDock"))->isVisible());
        QVERIFY(second.findChild<QDockWidget*>(QStringLiteral("transfersDock"))->isVisible());
        const QList<int> widths = second.findChild<QSplitter*>(QStringLiteral("browserViewerSplitter"))->sizes();
        QVERIFY2(std::abs(widths.value(0) - 500) <= 2, qPrintable(QString::number(widths.value(0))));
        QSettings().remove(QStringLiteral("window"));  // the tests after this one start from the default
        QThreadPool::globalInstance()->waitForDone();
    }

private:
    QStringList auditedDetails(const QString& action) const {
        QStringList details;
        auto trail = AuditTrail::open(m_home->path());
        auto records = trail.ok() ? trail->list({{}, {}, action, {}, {}}) : Result<QList<AuditRecord>>(failure(trail.error()));
        if (records.ok())
            for (const AuditRecord& r : records.value()) details << r.event.detail;
        return details;
    }
    // A main window on an empty data folder, as on a newcomer's first start, with the demo
    // study generated and shown.
    void openDemoStudyOnAFreshHome() {
        m_home = std::make_unique<QTemporaryDir>();
        auto folder = DataFolder::open(m_home->path());
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        m_window = std::make_unique<MainWindow>(folder.value());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->openDemoStudy();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->viewer()->hasVolume(), 180000);
    }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<MainWindow> m_window;
};

TELERAD_GUI_TEST_MAIN(MainWindowTest)

#include "tst_main_window.moc"
