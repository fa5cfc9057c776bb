// Every image of the shared real corpus through our decoder (core/dicom/PixelDecoder),
// checked against independent references: the NEMA WG04 uncompressed originals for their
// compressed copies, DCMTK's command-line decompressors, and OpenJPEG's opj_decompress for
// JPEG 2000 (which DCMTK cannot decode).

#include "HandWrittenFiles.h"
#include "TestSupport.h"
#include "dicom/DicomCodecs.h"
#include "dicom/PixelDecoder.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace telerad;

namespace {

struct Decoded {
    std::vector<DecodedFrame> frames;
    QString error;
};

Decoded decodeAllFrames(const QString& path) {
    auto frames = decodeFrames(path);
    return frames.ok() ? Decoded{std::move(frames.value()), {}} : Decoded{{}, frames.error()};
}

/// Largest and mean absolute difference between two decodings of the same image (RGB bytes
/// for colour, modality values otherwise); -1 when their shapes differ.
struct Difference {
    double maximum = -1, mean = -1;
    int firstDifferentFrame = -1;
};

Difference compare(const std::vector<DecodedFrame>& a, const std::vector<DecodedFrame>& b) {
    if (a.size() != b.size()) return {};
    double maximum = 0, sum = 0;
    size_t n = 0;
    int first = -1;
    for (size_t f = 0; f < a.size(); ++f) {
        const DecodedFrame &x = a[f], &y = b[f];
        if (x.columns != y.columns || x.rows != y.rows || x.colour != y.colour) return {};
        const size_t count = x.colour ? x.rgb.size() : x.values.size();
        for (size_t i = 0; i < count; ++i) {
            const double d = x.colour ? std::abs(int{x.rgb[i]} - int{y.rgb[i]}) : std::abs(double(x.values[i]) - y.values[i]);
            maximum = std::max(maximum, d);
            sum += d;
            if (d > 0 && first < 0) first = static_cast<int>(f);
        }
        n += count;
    }
    return {maximum, n ? sum / static_cast<double>(n) : 0, first};
}

double valueRange(const std::vector<DecodedFrame>& frames) {
    int32_t low = INT32_MAX, high = INT32_MIN;
    for (const DecodedFrame& f : frames)
        for (int32_t v : f.values) low = std::min(low, v), high = std::max(high, v);
    return std::max(1.0, double(high) - low);
}

/// Transfer syntax UID and whether the file is an image (pixel data, rows, columns); empty
/// UID when not DICOM.
struct FileKind {
    QString transferSyntax;
    bool hasPixels = false;
};

FileKind kindOf(const QString& path) {
    DcmFileFormat file;
    if (file.loadFile(path.toLocal8Bit().constData(), EXS_Unknown, EGL_noChange, 256).bad()) return {};
    DcmDataset& ds = *file.getDataset();
    DcmXfer xfer(ds.getOriginalXfer());
    return {QString::fromLatin1(xfer.getXferID()), ds.tagExists(DCM_PixelData) && ds.tagExists(DCM_Rows) && ds.tagExists(DCM_Columns)};
}

/// The DCMTK tool that decompresses a transfer syntax, if it is one of theirs.
QString dcmtkDecompressorFor(const QString& uid) {
    if (uid.startsWith(QLatin1String("1.2.840.10008.1.2.4.8"))) return QStringLiteral("dcmdjpls");
    if (uid == QLatin1String("1.2.840.10008.1.2.5")) return QStringLiteral("dcmdrle");
    if (uid.startsWith(QLatin1String("1.2.840.10008.1.2.4.5")) || uid.startsWith(QLatin1String("1.2.840.10008.1.2.4.7")))
        return QStringLiteral("dcmdjpeg");
    return {};
}

bool isJpeg2000(const QString& uid) { return uid == QLatin1String("1.2.840.10008.1.2.4.90") || uid == QLatin1String("1.2.840.10008.1.2.4.91"); }

bool run(const QString& program, const QStringList& arguments, QString* output = nullptr) {
    QProcess p;
    p.start(program, arguments);
    const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output) *output = QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError());
    return ok;
}

/// The corpus files DCMTK 3.6.7 itself cannot decode (MANIFEST.tsv, column dcmtk_decode).
QSet<QString> filesDcmtkCannotDecode(const QString& corpus) {
    QFile manifest(corpus + QStringLiteral("/MANIFEST.tsv"));
    QSet<QString> failing;
    if (!manifest.open(QIODevice::ReadOnly)) return failing;
    const QStringList header = QString::fromUtf8(manifest.readLine()).trimmed().split(QLatin1Char('\t'));
    const auto column = header.indexOf(QStringLiteral("dcmtk_decode"));
    while (!manifest.atEnd()) {
        const QStringList fields = QString::fromUtf8(manifest.readLine()).split(QLatin1Char('\t'));
        if (column >= 0 && fields.size() > column && fields[column].trimmed() == QLatin1String("FAIL")) failing.insert(fields[0]);
    }
    return failing;
}

/// A single-frame JPEG 2000 file's codestream, straight from its fragments.
QByteArray codestreamOf(const QString& path) {
    DcmFileFormat file;
    if (file.loadFile(path.toLocal8Bit().constData()).bad()) return {};
    DcmElement* element = nullptr;
    if (file.getDataset()->findAndGetElement(DCM_PixelData, element).bad()) return {};
    DcmPixelSequence* sequence = nullptr;
    E_TransferSyntax xfer = file.getDataset()->getOriginalXfer();
    const DcmRepresentationParameter* parameter = nullptr;
    static_cast<DcmPixelData*>(element)->getOriginalRepresentationKey(xfer, parameter);
    if (static_cast<DcmPixelData*>(element)->getEncapsulatedRepresentation(xfer, parameter, sequence).bad()) return {};
    QByteArray bytes;
    for (unsigned long i = 1; i < sequence->card(); ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* data = nullptr;
        if (sequence->getItem(item, i).good() && item->getUint8Array(data).good() && data)
            bytes.append(reinterpret_cast<const char*>(data), item->getLength());
    }
    return bytes;
}

/// Writes `path`'s codestream into `folder` and has opj_decompress turn it into `picture`.
bool openJpegDecodes(const QString& path, const QString& folder, const QString& picture, QString* output) {
    const QByteArray codestream = codestreamOf(path);
    const bool jp2 = codestream.startsWith(QByteArray::fromHex("0000000C6A502020"));
    QFile input(folder + (jp2 ? QStringLiteral("/codestream.jp2") : QStringLiteral("/codestream.j2k")));
    if (!input.open(QIODevice::WriteOnly) || input.write(codestream) != codestream.size()) return false;
    input.close();
    return run(QStringLiteral("opj_decompress"), {QStringLiteral("-quiet"), QStringLiteral("-i"), input.fileName(), QStringLiteral("-o"), picture}, output);
}

bool openJpegDecodes(const QString& path) {
    QTemporaryDir folder;
    QString output;
    return openJpegDecodes(path, folder.path(), folder.filePath(QStringLiteral("out.pgm")), &output);
}

/// Samples of a binary PGM/PPM written by opj_decompress (8 or 16 bits, big endian).
std::vector<int> readNetpbm(const QString& path, int* components) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QByteArray all = file.readAll();
    QList<QByteArray> tokens;
    qsizetype at = 0;
    while (tokens.size() < 4 && at < all.size()) {
        while (at < all.size() && std::isspace(static_cast<unsigned char>(all[at]))) ++at;
        if (all[at] == '#') {  // a comment, to the end of its line
            at = all.indexOf('\n', at);
            continue;
        }
        qsizetype end = at;
        while (end < all.size() && !std::isspace(static_cast<unsigned char>(all[end]))) ++end;
        tokens << all.mid(at, end - at);
        at = end;
    }
    ++at;  // the single whitespace after the maximum value
    *components = tokens.value(0) == "P6" ? 3 : 1;
    const int maximum = tokens.value(3).toInt();
    std::vector<int> samples;
    for (qsizetype i = at; i + (maximum > 255 ? 1 : 0) < all.size(); i += maximum > 255 ? 2 : 1)
        samples.push_back(maximum > 255 ? (static_cast<unsigned char>(all[i]) << 8) | static_cast<unsigned char>(all[i + 1])
                                        : static_cast<unsigned char>(all[i]));
    return samples;
}

/// Stored values (before rescale) of a grayscale decoding: modality = slope * stored + intercept.
std::vector<long> storedValues(const QString& path, const DecodedFrame& frame) {
    DcmFileFormat file;
    file.loadFile(path.toLocal8Bit().constData(), EXS_Unknown, EGL_noChange, 256);
    Float64 slope = 1, intercept = 0;
    file.getDataset()->findAndGetFloat64(DCM_RescaleSlope, slope);
    file.getDataset()->findAndGetFloat64(DCM_RescaleIntercept, intercept);
    std::vector<long> stored;
    for (int32_t v : frame.values) stored.push_back(std::lround((v - intercept) / (slope != 0 ? slope : 1)));
    return stored;
}

}  // namespace

class DecodeCorpusTest : public QObject {
    Q_OBJECT
    QString m_corpus;
    QString nema(const QString& file) const { return m_corpus + QStringLiteral("/nema-wg04_via-robyoung-dicom-test-files/") + file; }

private slots:
    void initTestCase() {
        m_corpus = test::corpusFolder();
        if (m_corpus.isEmpty()) QSKIP("TELERAD_TEST_CORPUS is not set (CI sets it to ../shared/corpus)");
    }
    void init() { test::failOnUnexpectedWarnings(); }

    // NEMA WG04: each compressed copy against the uncompressed original. Lossless must be
    // equal value for value; lossy within the codec's loss (figures printed).
    void nemaCopiesMatchTheirOriginal_data() {
        QTest::addColumn<QString>("copy");
        QTest::addColumn<QString>("original");
        QTest::addColumn<bool>("lossless");
        if (m_corpus.isEmpty()) return;
        const QStringList lossless{QStringLiteral("J2KR"), QStringLiteral("JLSL"), QStringLiteral("JPLL"), QStringLiteral("RLE")};
        for (const QString& codec : lossless + QStringList{QStringLiteral("J2KI"), QStringLiteral("JLSN"), QStringLiteral("JPLY")})
            for (const QString& name : QDir(nema(codec)).entryList(QDir::Files)) {
                const QString image = name.section(QLatin1Char('_'), 0, 0);
                QTest::newRow(qPrintable(name)) << nema(codec + QLatin1Char('/') + name) << nema(QStringLiteral("REF/") + image + QStringLiteral("_UNC"))
                                                << lossless.contains(codec);
            }
    }
    void nemaCopiesMatchTheirOriginal() {
        QFETCH(QString, copy);
        QFETCH(QString, original);
        QFETCH(bool, lossless);
        const Decoded reference = decodeAllFrames(original);
        const Decoded decoded = decodeAllFrames(copy);
        QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        const Difference d = compare(decoded.frames, reference.frames);
        QVERIFY2(d.maximum >= 0, "decoded size or colour differs from the original");
        const bool colour = reference.frames.front().colour;
        const double range = colour ? 255 : valueRange(reference.frames);
        qInfo("%s: max difference %g, mean %.3f (%.2f%% of the range %g)", qPrintable(QFileInfo(copy).fileName()), d.maximum, d.mean,
              100 * d.mean / range, range);
        if (lossless) QCOMPARE(d.maximum, 0.0);
        else QVERIFY2(d.mean <= 0.02 * range && d.maximum <= 0.5 * range, "lossy copy too far from the original");
    }

    // Every file of the corpus with pixel data: every frame decodes, or the file is refused
    // with a reason naming it. Nothing DCMTK's own tools decode may fail here, and JPEG 2000
    // (which they cannot decode) must decode too.
    void everyImageDecodesOrIsRefusedWithAReason() {
        const QSet<QString> dcmtkFails = filesDcmtkCannotDecode(m_corpus);
        QVERIFY2(!dcmtkFails.isEmpty(), "MANIFEST.tsv not found or without dcmtk_decode column");
        int images = 0, frames = 0, refused = 0, jpeg2000 = 0;
        for (const QString& relative : test::filesUnder(m_corpus)) {
            const QString path = m_corpus + QLatin1Char('/') + relative;
            const FileKind kind = kindOf(path);
            if (!kind.hasPixels) continue;
            ++images;
            const Decoded decoded = decodeAllFrames(path);
            if (decoded.error.isEmpty()) {
                frames += static_cast<int>(decoded.frames.size());
                jpeg2000 += isJpeg2000(kind.transferSyntax);
                continue;
            }
            ++refused;
            qInfo("refused: %s", qPrintable(decoded.error));
            QVERIFY2(decoded.error.startsWith(path + QLatin1Char(':')) && decoded.error.size() > path.size() + 5, qPrintable(decoded.error));
            const bool othersFailToo = isJpeg2000(kind.transferSyntax) ? !openJpegDecodes(path) : dcmtkFails.contains(relative);
            QVERIFY2(othersFailToo, qPrintable(QStringLiteral("should decode: ") + decoded.error));
        }
        qInfo("%d images, %d frames decoded, %d JPEG 2000 files decoded, %d refused", images, frames, jpeg2000, refused);
        QVERIFY(images >= 300);
        QVERIFY(jpeg2000 >= 20);
    }

    // Two files found by fuzzing, which once crashed or hung the decoder, are refused in words:
    // Pixel Data under a VR that is no VR (DCMTK keeps it as plain OB/OW, which was cast to
    // pixel data; UBSan in CI says so if it comes back) and a JPEG fragment with a TEM marker
    // (DCMTK's marker walk would loop for ever on it; the test would time out).
    void filesFoundByFuzzingAreRefusedInWords() {
        QTemporaryDir folder;
        const QString oddVr = folder.filePath(QStringLiteral("odd-vr.dcm")), tem = folder.filePath(QStringLiteral("tem.dcm"));
        for (const auto& [path, bytes] : {std::pair{oddVr, test::pixelDataUnderANonStandardVr()}, std::pair{tem, test::jpegFragmentWithATemMarker()}})
            QVERIFY(test::writeFile(path, bytes));
        QCOMPARE(decodeAllFrames(oddVr).error, oddVr + QStringLiteral(": pixel data shorter than declared (64 bytes for 16x16 pixels x 1 frame(s))"));
        QCOMPARE(decodeAllFrames(tem).error, tem + QStringLiteral(": damaged JPEG stream (a TEM marker where a frame header belongs)"));
    }

    // CT1 declares Pixel Padding Value -2000 (stored; -3024 HU) outside its field of view:
    // decoded as it is, said so, and given the lowest real value in a volume.
    void pixelPaddingTakesTheLowestRealValueInAVolume() {
        const QString padded = m_corpus + QStringLiteral("/fo-dicom-testdata/GH177_D_CLUNIE_CT1_IVRLE_BigEndian_undefined_length.dcm");
        auto frames = decodeFrames(padded);
        QVERIFY2(frames.ok(), qPrintable(frames.error()));
        const DecodedFrame& f = frames->front();
        QVERIFY(f.padding && f.padding->first == -3024 && f.padding->second == -3024);
        const auto paddedPixels = std::count(f.values.begin(), f.values.end(), -3024);
        QVERIFY2(paddedPixels > 1000, qPrintable(QString::number(paddedPixels)));
        std::vector<int16_t> volume(f.values.size());
        QVERIFY(copyFrameInto(padded, f, f.columns, f.rows, volume.data(), nullptr).ok());
        const int16_t lowest = *std::min_element(volume.begin(), volume.end());
        QVERIFY2(lowest > -3024, qPrintable(QString::number(lowest)));
        QCOMPARE(std::count(volume.begin(), volume.end(), lowest), paddedPixels + std::count(f.values.begin(), f.values.end(), int32_t{lowest}));
    }

    // J2K_pixelrep_mismatch declares signed pixels and holds an unsigned codestream: decoded
    // to uncompressed (as transcoding and export do), it says unsigned, as its values are.
    void jpeg2000TranscodedKeepsTheCodestreamsSignedness() {
        registerDicomCodecs();
        DcmFileFormat file;
        const QString path = m_corpus + QStringLiteral("/debian-python3-pydicom-2.3.1/test_files/J2K_pixelrep_mismatch.dcm");
        QVERIFY(file.loadFile(path.toLocal8Bit().constData()).good());
        Uint16 representation = 9;
        QVERIFY(file.getDataset()->findAndGetUint16(DCM_PixelRepresentation, representation).good());
        QCOMPARE(representation, Uint16{1});
        QVERIFY(file.getDataset()->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).good());
        QVERIFY(file.getDataset()->findAndGetUint16(DCM_PixelRepresentation, representation).good());
        QCOMPARE(representation, Uint16{0});
    }

    // Compressed files DCMTK decodes: our decoding equals that of the file their
    // command-line decompressor writes (uncompressed, read back by us).
    void compressedFilesMatchDcmtkDecompressors() {
        QTemporaryDir work;
        int checked = 0;
        for (const QString& relative : test::filesUnder(m_corpus)) {
            const QString path = m_corpus + QLatin1Char('/') + relative;
            const FileKind kind = kindOf(path);
            const QString tool = dcmtkDecompressorFor(kind.transferSyntax);
            if (tool.isEmpty() || !kind.hasPixels) continue;
            const Decoded ours = decodeAllFrames(path);
            const QString plain = work.filePath(QString::number(checked) + QStringLiteral(".dcm"));
            QString output;
            if (!run(tool, {path, plain}, &output)) {
                QVERIFY2(!ours.error.isEmpty(), qPrintable(QStringLiteral("%1 refused %2 but we decoded it: %3").arg(tool, path, output)));
                continue;
            }
            QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));
            const Decoded theirs = decodeAllFrames(plain);
            QVERIFY2(theirs.error.isEmpty(), qPrintable(theirs.error));
            const Difference d = compare(ours.frames, theirs.frames);
            QVERIFY2(d.maximum == 0, qPrintable(QStringLiteral("%1: differs from %2's output by up to %3 (first in frame %4 of %5)")
                                                    .arg(path, tool).arg(d.maximum).arg(d.firstDifferentFrame + 1).arg(ours.frames.size())));
            ++checked;
        }
        qInfo("%d compressed files equal to DCMTK's decompressors' output", checked);
        QVERIFY(checked >= 40);
    }

    // JPEG 2000 files: our decoding (through our DCMTK codec) equals opj_decompress's output
    // for the same codestream.
    void jpeg2000MatchesOpenJpegsTool() {
        QTemporaryDir work;
        int checked = 0;
        for (const QString& relative : test::filesUnder(m_corpus)) {
            const QString path = m_corpus + QLatin1Char('/') + relative;
            if (!isJpeg2000(kindOf(path).transferSyntax)) continue;
            const Decoded ours = decodeAllFrames(path);
            if (!ours.error.isEmpty() && !openJpegDecodes(path)) continue;  // damaged: refused by both (test above)
            QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));
            if (ours.frames.size() != 1) continue;
            const DecodedFrame& frame = ours.frames.front();
            const QString picture = work.filePath(QString::number(checked) + (frame.colour ? QStringLiteral(".ppm") : QStringLiteral(".pgm")));
            QString output;
            QVERIFY2(openJpegDecodes(path, work.path(), picture, &output), qPrintable(path + QStringLiteral(": ") + output));
            int components = 0;
            const std::vector<int> samples = readNetpbm(picture, &components);
            QCOMPARE(static_cast<size_t>(components), frame.colour ? size_t{3} : size_t{1});
            QCOMPARE(samples.size(), frame.values.size() * components);
            if (frame.colour) {
                for (size_t i = 0; i < samples.size(); ++i) QVERIFY2(samples[i] == frame.rgb[i], qPrintable(path));
            } else {
                // opj_decompress shifts signed samples by half their range to write them.
                const std::vector<long> stored = storedValues(path, frame);
                const long shift = samples[0] - stored[0];
                QVERIFY2(shift == 0 || (shift & (shift - 1)) == 0, qPrintable(QStringLiteral("%1: offset %2").arg(path).arg(shift)));
                for (size_t i = 0; i < samples.size(); ++i)
                    QVERIFY2(samples[i] - stored[i] == shift, qPrintable(QStringLiteral("%1: pixel %2: %3 vs %4").arg(path).arg(i).arg(samples[i]).arg(stored[i])));
            }
            ++checked;
        }
        qInfo("%d JPEG 2000 files equal to opj_decompress's output", checked);
        QVERIFY(checked >= 20);
    }
};

QTEST_GUILESS_MAIN(DecodeCorpusTest)
#include "tst_decode_corpus.moc"
