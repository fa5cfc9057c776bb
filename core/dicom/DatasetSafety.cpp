#include "DatasetSafety.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dctag.h>

#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

namespace telerad {

namespace {

constexpr quint32 kUndefined = 0xFFFFFFFF;

/// A reader of the raw element stream: tags, VRs and lengths, nothing else.
class ElementWalker {
public:
    ElementWalker(const QByteArray& bytes, int maxDepth) : m_data(bytes), m_maxDepth(maxDepth) {}

    /// The deepest nesting seen, or -1 when it went past maxDepth.
    int walk();

private:
    struct Container {
        quint64 end;         // offset where a defined-length container ends; max for undefined
        bool fragments;      // encapsulated pixel data: its items are skipped, not walked
        bool implicit;       // VR encoding inside (an undefined-length UN is implicit, CP-246)
    };
    quint16 u16(quint64 at) const {
        const auto* p = reinterpret_cast<const uchar*>(m_data.constData()) + at;
        return m_bigEndian ? quint16(p[0] << 8 | p[1]) : quint16(p[1] << 8 | p[0]);
    }
    quint32 u32(quint64 at) const {
        const auto* p = reinterpret_cast<const uchar*>(m_data.constData()) + at;
        return m_bigEndian ? quint32(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3] : quint32(p[3]) << 24 | p[2] << 16 | p[1] << 8 | p[0];
    }
    bool readHeader();
    bool push(quint32 length, bool fragments, bool implicit);

    const QByteArray& m_data;
    const int m_maxDepth;
    quint64 m_at = 0;
    bool m_implicit = false, m_bigEndian = false;
    std::vector<Container> m_open;
    int m_deepest = 0;
};

// Preamble and meta header (always explicit little endian), then the dataset's encoding from
// its transfer syntax; a bare dataset is guessed from its first element.
bool ElementWalker::readHeader() {
    if (m_data.size() >= 132 && std::memcmp(m_data.constData() + 128, "DICM", 4) == 0) {
        m_at = 132;
        QByteArray syntax;
        while (m_at + 8 <= quint64(m_data.size()) && u16(m_at) == 0x0002) {
            const quint16 element = u16(m_at + 2);
            const char* vr = m_data.constData() + m_at + 4;
            const bool longForm = std::memcmp(vr, "OB", 2) == 0 || std::memcmp(vr, "UN", 2) == 0 || std::memcmp(vr, "UT", 2) == 0;
            const quint64 header = longForm ? 12 : 8;
            if (m_at + header > quint64(m_data.size())) return false;
            const quint64 length = longForm ? u32(m_at + 8) : u16(m_at + 6);
            if (element == 0x0010) syntax = m_data.mid(qsizetype(m_at + header), qsizetype(length)).trimmed().replace('\0', "");
            m_at += header + length;
        }
        if (syntax == "1.2.840.10008.1.2.1.99") return false;  // deflated: not walked
        m_implicit = syntax == "1.2.840.10008.1.2";
        m_bigEndian = syntax == "1.2.840.10008.1.2.2";
        return true;
    }
    m_implicit = !(m_data.size() >= 6 && std::isupper(uchar(m_data[4])) && std::isupper(uchar(m_data[5])));
    return true;
}

bool ElementWalker::push(quint32 length, bool fragments, bool implicit) {
    m_open.push_back({length == kUndefined ? ~quint64(0) : m_at + length, fragments, implicit});
    m_deepest = std::max(m_deepest, int(m_open.size()));
    return int(m_open.size()) <= m_maxDepth;
}

int ElementWalker::walk() {
    if (!readHeader()) return 0;
    const quint64 size = quint64(m_data.size());
    while (m_at + 8 <= size) {
        while (!m_open.empty() && m_open.back().end <= m_at) m_open.pop_back();
        const bool implicit = m_open.empty() ? m_implicit : m_open.back().implicit;
        const quint16 group = u16(m_at), element = u16(m_at + 2);
        if (group == 0xFFFE) {  // items and delimiters: never an explicit VR
            const quint32 length = u32(m_at + 4);
            m_at += 8;
            if (element == 0xE000) {
                if (!m_open.empty() && m_open.back().fragments) m_at += length == kUndefined ? 0 : length;  // a fragment
                else if (!push(length, false, implicit)) return -1;
            } else if (!m_open.empty() && m_open.back().end == ~quint64(0)) {
                m_open.pop_back();  // the delimiter of the undefined-length container it closes
            }
            continue;
        }
        quint32 length = 0;
        bool sequence = false, unknown = false;
        if (!implicit) {
            const char* vr = m_data.constData() + m_at + 4;
            static const char* const longForms[] = {"OB", "OW", "OF", "OD", "OL", "OV", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
            const bool longForm = std::any_of(std::begin(longForms), std::end(longForms), [vr](const char* l) { return std::memcmp(vr, l, 2) == 0; });
            if (longForm && m_at + 12 > size) break;
            length = longForm ? u32(m_at + 8) : u16(m_at + 6);
            sequence = std::memcmp(vr, "SQ", 2) == 0;
            unknown = std::memcmp(vr, "UN", 2) == 0;
            m_at += longForm ? 12 : 8;
        } else {
            length = u32(m_at + 4);
            sequence = DcmTag(group, element).getEVR() == EVR_SQ;
            m_at += 8;
        }
        const bool pixelData = group == 0x7FE0 && element == 0x0010;
        if (length == kUndefined || sequence) {
            if (!push(length, pixelData, implicit || unknown)) return -1;
            continue;
        }
        m_at += length;
    }
    return m_deepest;
}

}  // namespace

Status checkNestingDepth(const QByteArray& bytes, const QString& source, int maxDepth) {
    if (ElementWalker(bytes, maxDepth).walk() < 0)
        return failure(QCoreApplication::translate("DatasetSafety", "%1: sequences nested more than %2 deep; refused unparsed (a real object nests a few levels)")
                           .arg(source).arg(maxDepth / 2));
    return success();
}

DcmPixelData* pixelDataIn(DcmItem& dataset) {
    DcmElement* element = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, element).bad()) return nullptr;
    return dynamic_cast<DcmPixelData*>(element);
}

Status checkImageSize(DcmItem& dataset, const QString& source) {
    Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0;
    DcmElement* pixels = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, pixels).bad() || dataset.findAndGetUint16(DCM_Rows, rows).bad() ||
        dataset.findAndGetUint16(DCM_Columns, columns).bad())
        return success();  // not an image: nothing to size
    dataset.findAndGetUint16(DCM_SamplesPerPixel, samples);
    dataset.findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    Sint32 frames = 1;
    if (dataset.findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1) frames = 1;
    // YBR_FULL_422 keeps two samples per pixel when uncompressed (chroma shared by pairs).
    OFString photometric;
    dataset.findAndGetOFString(DCM_PhotometricInterpretation, photometric);
    const double perPixel = photometric.find("422") != OFString_npos ? 2 : std::max<Uint16>(samples, 1);
    const double bytes = double(rows) * columns * frames * perPixel * std::max<Uint16>(bitsAllocated, 1) / 8;
    const QString size = QCoreApplication::translate("DatasetSafety", "%1x%2 pixels x %3 frame(s)").arg(columns).arg(rows).arg(frames);
    if (bytes > 4294967296.0) return failure(QCoreApplication::translate("DatasetSafety", "%1: absurd image size (%2: %3 GB)").arg(source, size).arg(bytes / 1e9, 0, 'f', 0));
    // Uncompressed pixel data must hold what is declared; compressed data is sized by its codec.
    if (auto* pixelData = dynamic_cast<DcmPixelData*>(pixels)) {  // see pixelDataIn
        E_TransferSyntax xfer = EXS_Unknown;
        const DcmRepresentationParameter* parameter = nullptr;
        pixelData->getOriginalRepresentationKey(xfer, parameter);
        if (DcmXfer(xfer).isEncapsulated()) return success();
    }
    if (double(pixels->getLength()) + 1 < bytes)
        return failure(QCoreApplication::translate("DatasetSafety", "%1: pixel data shorter than declared (%2 bytes for %3)").arg(source).arg(pixels->getLength()).arg(size));
    return success();
}

}  // namespace telerad
