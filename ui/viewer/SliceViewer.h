#pragma once
// 2D reading view of a volume: a plane through it (axial, coronal or sagittal, whatever the
// acquisition plane), optionally a thick slab (MIP, MinIP, average), with window/level and
// presets, invert, scrolling, zoom, pan and cine; the patient/study/slice text in the
// corners, orientation letters on the four sides and a scale bar in millimetres. Geometry
// is exact: the volume is shown in millimetres along its own axes and every plane is cut
// in patient space, so non-square pixels, tilted and oblique acquisitions come out true.

#include "vtk/VtkOpenGLWidget.h"

#include "dicom/ImageVolume.h"
#include "dicom/Orientation.h"

#include <QColor>
#include <QPointF>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QTimer;
class vtkActor2D;
class vtkImageData;
class vtkImageResliceMapper;
class vtkImageSlice;
class vtkLookupTable;
class vtkPoints;
class vtkTextActor;

namespace telerad {

class CrosshairOverlay;
class ReadingInteractorStyle;

struct WindowPreset {
    QString name;
    double center = 0, width = 0;
    int voiLut = -1;  ///< the file's VOI LUT of this index instead of a window
};

enum class SlabMode { None, Maximum, Minimum, Mean };

/// Statistics of the stored values inside a region of a slice (HU for CT).
struct RegionStatistics {
    double mean = 0, standardDeviation = 0, minimum = 0, maximum = 0;
    double areaMm2 = 0;
    int samples = 0;
};

enum class MeasureTool { Distance, Ellipse, Rectangle, Angle, Arrow };

/// A measurement on one slice of one plane: a distance between `from` and `to`, the region
/// they span, or the angle at `to` between `from` and `third` (world millimetres along the
/// volume axes).
struct Measurement {
    MeasureTool tool = MeasureTool::Distance;
    ViewPlane plane;
    int slice;
    Vec3 from, to;
    RegionStatistics region;  ///< for ellipses and rectangles
    Vec3 third{0, 0, 0};      ///< for angles
    QString text;             ///< for arrows: what the arrow points at
    Vec3 obliqueLook{0, 0, 0};  ///< look direction (world) of the oblique plane it was made on; zero on standard planes
    double millimetres() const;
    double degrees() const;
    QString describe(const QString& unit) const;  ///< "23.4 mm", "mean 40.2 HU, SD 3.1, ..."
};
QString slabModeName(SlabMode mode);  ///< "", MIP, MinIP, average

/// What is under a point of the view.
struct Probe {
    bool inside = false;       ///< within the volume
    Vec3 patient{0, 0, 0};     ///< patient coordinates (LPS, mm)
    Vec3 voxel{0, 0, 0};       ///< continuous voxel index (column, row, slice)
    double value = 0;          ///< stored modality value of the nearest voxel (HU for CT)
};

class SliceViewer : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit SliceViewer(QWidget* parent = nullptr);
    ~SliceViewer() override;

    /// Shows `volume` (kept alive by the viewer; its voxels are shared with VTK, not copied)
    /// in its acquisition plane, at the middle slice, with the file's first window (else a
    /// CT soft-tissue window).
    void setVolume(std::shared_ptr<const ImageVolume> volume);
    bool hasVolume() const { return static_cast<bool>(m_volume); }
    const std::shared_ptr<const ImageVolume>& volume() const { return m_volume; }

    ViewPlane viewPlane() const { return m_plane; }
    /// Reformats to `plane` (keeps window, zoom resets to fit), at the middle of the volume.
    void setViewPlane(ViewPlane plane);
    /// Turns the plane to any orientation (oblique MPR): the viewing direction and the
    /// screen's up in patient coordinates (up is made perpendicular). The name shown stays
    /// that of `base`, marked oblique. setViewPlane() goes back to a standard plane.
    void setPlaneOrientation(ViewPlane base, const Vec3& lookPatient, const Vec3& upPatient);
    bool oblique() const { return m_oblique; }
    /// The viewing direction and the screen's up, in patient coordinates.
    Vec3 lookDirection() const;
    Vec3 upDirection() const;
    /// Goes to the slice whose plane passes nearest to `patient` (LPS, mm).
    void setSliceThrough(const Vec3& patient);
    /// The point of the current plane nearest to `patient`.
    Vec3 nearestOnPlane(const Vec3& patient) const;

    /// Crosshair mode (3-plane MPR): a left press or drag picks the point under the mouse
    /// (crosshairMoved); with Ctrl held it turns the other planes about this one's normal
    /// (crosshairTurned, by the angle the mouse swept around the centre).
    void setCrosshairMode(bool on) { m_crosshairMode = on; }
    bool crosshairMode() const { return m_crosshairMode; }
    /// Draws the crosshair: through `centre`, along each of `directions` (patient space,
    /// projected onto this plane), in its colour. An empty list hides it.
    void setCrosshair(const Vec3& centre, const std::vector<std::pair<Vec3, QColor>>& directions);
    /// The standard plane closest to the plane the series was acquired in.
    static ViewPlane acquisitionPlane(const VolumeGeometry& geometry);

    int slice() const { return m_slice; }
    int sliceCount() const { return m_sliceCount; }
    void setSlice(int index);
    /// Where the current slice is along the viewing direction, in patient coordinates (mm).
    double slicePosition() const;
    /// Goes to the slice nearest `position` (as slicePosition() gives it), for synchronised
    /// scrolling between series.
    void setSlicePosition(double position);

    double windowCenter() const;
    double windowWidth() const;
    void setWindow(double center, double width);
    /// The file's own windows first, then its VOI LUTs, then (for CT) brain, subdural,
    /// stroke, lung, mediastinum, abdomen, liver, bone.
    std::vector<WindowPreset> presets() const;
    /// A window, or the file's VOI LUT the preset names (until a window is set again).
    void applyPreset(const WindowPreset& preset);
    /// The VOI LUT in use (index into the volume's), -1 when a window is.
    int voiLut() const { return m_voiLut; }
    static const std::vector<WindowPreset>& ctPresets();
    bool inverted() const { return m_inverted; }
    void setInverted(bool inverted);

    void setSlab(SlabMode mode, double thicknessMm);
    SlabMode slabMode() const { return m_slabMode; }
    double slabThickness() const { return m_slabThickness; }

    /// Screen pixels per image pixel (1 = "1:1").
    double zoomFactor() const;
    void setZoomFactor(double factor);
    /// Fits the whole plane into the view and restores the initial window.
    void resetView();

    void setOverlayVisible(bool visible);
    /// The overlay's texts as drawn (corners, then side letters); empty without a series.
    QStringList overlayTexts() const;
    bool overlayVisible() const { return m_overlayVisible; }
    /// The orientation letters shown on the four sides.
    SideLabels sideLabels() const;
    /// The geometry warnings shown on the image (empty when the geometry is sound).
    QString geometryWarningText() const;
    /// Length (mm) and label of the scale bar as drawn.
    QString scaleBarLabel() const;

    /// Cine: advances one slice every 1000/fps ms, wrapping around; 0 stops.
    void setCineRate(double framesPerSecond);
    double cineRate() const { return m_cineRate; }

    /// What lies under `widgetPosition` (logical pixels) on the current plane.
    Probe probe(const QPointF& widgetPosition) const;
    /// Distance in mm between two points of the view, on the current plane.
    double distanceMm(const QPointF& a, const QPointF& b) const;
    /// Where a patient point appears in the widget (logical pixels), for tests and tools.
    QPointF widgetPositionOf(const Vec3& patient) const;

    /// Measuring tool: while on, a left drag measures (instead of window/level). Keys D
    /// (distance), E (ellipse ROI), B (rectangle ROI), N (angle: drag the first arm to the
    /// vertex, then click the end of the second), T (text arrow: drag from the label to the
    /// point, then type the text); the same key again turns it off.
    void setMeasuring(bool on, MeasureTool tool = MeasureTool::Distance);
    bool measuring() const { return m_measuring; }
    MeasureTool measureTool() const { return m_tool; }
    /// Adds a measurement of the current tool between two points of the view (for a region:
    /// the corners of its bounding box), on the current plane.
    void measure(const QPointF& from, const QPointF& to);
    /// Adds the angle at `vertex` between `first` and `second`, on the current plane.
    void measureAngle(const QPointF& first, const QPointF& vertex, const QPointF& second);
    /// Adds an arrow from `tail` to `head` labelled `text` (tool T asks for the text).
    void addArrow(const QPointF& tail, const QPointF& head, const QString& text);
    const std::vector<Measurement>& measurements() const { return m_measurements; }
    void clearMeasurements();
    /// One line per measurement and key image, for a report: "Distance 23.4 mm (axial 81/160)".
    QStringList findingsText() const;
    /// Marks (or unmarks) the current slice of the current plane as a key image. Key K.
    void toggleKeyImage();
    /// Measurements and key images as JSON, to keep with the series (AnnotationStore), and
    /// back; restoring replaces what is there. Empty when there is nothing.
    QByteArray annotations() const;
    void restoreAnnotations(const QByteArray& json);
    int keyImageCount() const { return static_cast<int>(m_keyImages.size()); }

signals:
    void sliceChanged(int index, int count);
    void windowChanged(double center, double width);
    /// The pixel probe under the mouse, in words ("HU 40 at (12.0, -3.5, 80.0) mm").
    void probed(const QString& text);
    /// A measurement was added ("Distance 23.4 mm").
    void measured(const QString& text);
    /// Measurements or key images changed (added, removed): time to save them.
    void annotationsChanged();
    /// Crosshair mode: the point picked (patient coordinates), and a turn in radians
    /// (counter-clockwise as seen on screen).
    void crosshairMoved(const telerad::Vec3& patient);
    void crosshairTurned(double radians);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeGL(int width, int height) override;

private:
    Vec3 toWorld(const Vec3& patientDirection) const;
    Vec3 worldToPatient(const Vec3& world) const;
    Vec3 patientToWorld(const Vec3& patient) const;
    Vec3 directionToPatient(const Vec3& world) const;
    Vec3 worldPointAt(const QPointF& widgetPosition) const;
    void placeCamera();
    void fitCamera();
    void createOverlayTexts();
    void updateOverlay();
    void showEmpty();
    void updateScaleBarVisibility();
    void updateScaleBar();
    void placeGeometryWarning();
    void onInteraction();
    void applyPresetByKey(int index);
    /// The grey ramp of the moment: the VOI LUT if one is chosen, inverted or not.
    void applyLookupTable();
    Vec3 displayOf(const Vec3& world) const;
    /// The look direction and screen up of `plane`, in world millimetres.
    std::pair<Vec3, Vec3> planeAxes(ViewPlane plane) const;
    RegionStatistics regionStatistics(MeasureTool tool, ViewPlane plane, const Vec3& from, const Vec3& to) const;
    std::vector<Vec3> outline(const Measurement& m) const;
    QString valueUnit() const;
    void updateMeasurementGraphics();
    void updateCrosshairGraphics();
    /// A measurement of `tool` on the plane and slice on screen (oblique ones remember it).
    Measurement newMeasurement(MeasureTool tool, const Vec3& from, const Vec3& to, const Vec3& third, const QString& text = {}) const;
    bool onScreen(const Measurement& m) const;
    void finishMeasurement();
    /// Sets the look and up directions (world) and the slice lattice along them.
    void applyPlaneAxes(const Vec3& look, const Vec3& up);
    bool handleCrosshairMouse(QMouseEvent* event);

    std::shared_ptr<const ImageVolume> m_volume;
    vtkNew<vtkImageData> m_image;
    vtkNew<vtkImageResliceMapper> m_mapper;
    vtkNew<vtkImageSlice> m_imageSlice;
    vtkNew<vtkLookupTable> m_invertedTable;
    static constexpr int kOverlayPlaces = 8;  // corners, then left, right, top, bottom edges
    vtkNew<vtkTextActor> m_overlay[kOverlayPlaces];
    vtkNew<vtkPoints> m_scaleBarPoints;
    vtkNew<vtkActor2D> m_scaleBar;
    vtkNew<vtkTextActor> m_scaleBarText;
    vtkNew<vtkTextActor> m_warnings;  // doubtful geometry, in orange under the top texts
    vtkNew<vtkTextActor> m_emptyHint;  // what to do, while no series is open
    vtkSmartPointer<ReadingInteractorStyle> m_style;
    QTimer* m_cine;
    ViewPlane m_plane = ViewPlane::Axial;
    Vec3 m_look{0, 0, 1}, m_up{0, -1, 0};  // in world (volume millimetre) coordinates
    double m_firstSlice = 0, m_sliceStep = 1;
    int m_slice = 0, m_sliceCount = 0;
    SlabMode m_slabMode = SlabMode::None;
    double m_slabThickness = 0;
    bool m_inverted = false;
    int m_voiLut = -1;
    vtkNew<vtkLookupTable> m_voiTable;
    bool m_overlayVisible = true;
    double m_initialCenter = 40;
    double m_initialWidth = 400;
    double m_cineRate = 0;
    QString m_scaleBarLabel;
    bool m_measuring = false;
    bool m_angleOpen = false;  // an angle's first arm is drawn; the next click ends the second
    MeasureTool m_tool = MeasureTool::Distance;
    std::optional<QPointF> m_dragStart;
    std::vector<Measurement> m_measurements;
    struct KeyImage {
        ViewPlane plane;
        int slice;
        double location;
    };
    std::vector<KeyImage> m_keyImages;
    vtkNew<vtkPoints> m_measurementPoints;
    vtkNew<vtkActor2D> m_measurementLines;
    std::vector<vtkSmartPointer<vtkTextActor>> m_measurementLabels;
    bool m_oblique = false;
    bool m_crosshairMode = false;
    std::optional<QPointF> m_crosshairDrag;  // the last mouse position of a crosshair drag
    Vec3 m_crosshairCentre{0, 0, 0};         // patient
    std::vector<std::pair<Vec3, QColor>> m_crosshairDirections;
    std::unique_ptr<CrosshairOverlay> m_crosshair;
};

}  // namespace telerad
