#include "PdfDocument.h"

#include <QList>
#include <QStringList>

#include <array>

namespace telerad {
namespace {

// Glyph advance widths (1/1000 em) of Helvetica and Helvetica-Bold for WinAnsi codes 32-255,
// from Adobe's core font metrics; the 0x80-0x9F codes we emit are filled in by hand.
constexpr std::array<short, 224> kRegular = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222, 333, 333, 350, 556, 1000,
    333, 1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722,
    667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 584,
    611, 556, 556, 556, 556, 500, 556, 500};
constexpr std::array<short, 224> kBold = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278, 500, 500, 350, 556, 1000,
    333, 1000, 556, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722,
    667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611, 584,
    611, 611, 611, 611, 611, 556, 611, 556};

constexpr double kPageWidth = 595.0, kPageHeight = 842.0, kMargin = 56.0;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kFooterY = 36.0;

struct Font {
    const char* resource;
    double size, leading;
    bool bold;
};

Font fontOf(PdfDocument::Style style) {
    switch (style) {
    case PdfDocument::Style::Title: return {"F2", 16, 22, true};
    case PdfDocument::Style::Heading: return {"F2", 11.5, 17, true};
    case PdfDocument::Style::Alert: return {"F2", 11, 15, true};
    case PdfDocument::Style::Small: return {"F1", 8.5, 11, false};
    case PdfDocument::Style::Body: break;
    }
    return {"F1", 10.5, 14, false};
}

char winAnsi(QChar c) {
    const char16_t u = c.unicode();
    if ((u >= 32 && u < 127) || (u >= 160 && u <= 255)) return static_cast<char>(u);
    switch (u) {
    case 0x20AC: return '\x80';
    case 0x2026: return '\x85';
    case 0x0152: return '\x8C';
    case 0x2018: return '\x91';
    case 0x2019: return '\x92';
    case 0x201C: return '\x93';
    case 0x201D: return '\x94';
    case 0x2022: return '\x95';
    case 0x2013: return '\x96';
    case 0x2014: return '\x97';
    case 0x0153: return '\x9C';
    case '\t': return ' ';
    default: return '?';
    }
}

double widthOf(const QByteArray& text, const Font& font) {
    const auto& widths = font.bold ? kBold : kRegular;
    double units = 0;
    for (char c : text) units += widths[static_cast<unsigned char>(c) - 32];
    return units * font.size / 1000.0;
}

/// Greedy word wrap of one line of text to the text width.
std::vector<QByteArray> wrap(const QByteArray& line, const Font& font) {
    std::vector<QByteArray> out;
    QByteArray current;
    for (const QByteArray& word : line.split(' ')) {
        const QByteArray candidate = current.isEmpty() ? word : current + ' ' + word;
        if (widthOf(candidate, font) <= kTextWidth || current.isEmpty()) {
            current = candidate;
            continue;
        }
        out.push_back(current);
        current = word;
    }
    out.push_back(current);
    return out;
}

QByteArray escaped(const QByteArray& text) {
    QByteArray out;
    for (char c : text) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

QByteArray textAt(const char* font, double size, double x, double y, const QByteArray& text) {
    return QByteArray("BT /") + font + ' ' + QByteArray::number(size) + " Tf " + QByteArray::number(x, 'f', 2) + ' ' +
           QByteArray::number(y, 'f', 2) + " Td (" + escaped(text) + ") Tj ET\n";
}

/// Assembles numbered objects into a PDF file with its cross-reference table.
class PdfFile {
public:
    int reserve() { m_objects.emplace_back(); return static_cast<int>(m_objects.size()); }
    void set(int number, const QByteArray& body) { m_objects[static_cast<std::size_t>(number - 1)] = body; }
    QByteArray stream(const QByteArray& data) {
        return "<< /Length " + QByteArray::number(data.size()) + " >>\nstream\n" + data + "\nendstream";
    }
    QByteArray bytes(int catalog) const {
        QByteArray out("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
        std::vector<qsizetype> offsets;
        for (std::size_t i = 0; i < m_objects.size(); ++i) {
            offsets.push_back(out.size());
            out += QByteArray::number(static_cast<qulonglong>(i + 1)) + " 0 obj\n" + m_objects[i] + "\nendobj\n";
        }
        const qsizetype xref = out.size();
        out += "xref\n0 " + QByteArray::number(static_cast<qulonglong>(m_objects.size() + 1)) + "\n0000000000 65535 f \n";
        for (qsizetype offset : offsets) out += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
        out += "trailer\n<< /Size " + QByteArray::number(static_cast<qulonglong>(m_objects.size() + 1)) + " /Root " +
               QByteArray::number(catalog) + " 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
        return out;
    }

private:
    std::vector<QByteArray> m_objects;
};

}  // namespace

void PdfDocument::add(Style style, const QString& text) {
    const Font font = fontOf(style);
    double gap = style == Style::Heading ? 8 : (style == Style::Title ? 0 : 3);
    for (const QString& paragraphLine : text.split(QLatin1Char('\n'))) {
        QByteArray bytes;
        for (QChar c : paragraphLine) bytes += winAnsi(c);
        for (const QByteArray& line : wrap(bytes, font)) {
            m_lines.push_back({style, line, gap});
            gap = 0;
        }
    }
}

QByteArray PdfDocument::toPdf() const {
    // Lay the lines out on pages first: the footer needs the page count.
    std::vector<QByteArray> pages(1);
    double y = kPageHeight - kMargin;
    for (const Line& line : m_lines) {
        const Font font = fontOf(line.style);
        y -= line.gapBefore + font.leading;
        if (y < kMargin + 10) {
            pages.emplace_back();
            y = kPageHeight - kMargin - font.leading;
        }
        pages.back() += textAt(font.resource, font.size, kMargin, y, line.text);
    }
    PdfFile file;
    const int catalog = file.reserve(), pageTree = file.reserve(), regular = file.reserve(), bold = file.reserve();
    file.set(regular, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    file.set(bold, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    QByteArray kids;
    const Font small = fontOf(Style::Small);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        QByteArray footer;
        for (QChar c : m_footer) footer += winAnsi(c);
        const QByteArray pageNumber = QByteArray::number(static_cast<qulonglong>(i + 1)) + '/' +
                                      QByteArray::number(static_cast<qulonglong>(pages.size()));
        const QByteArray content = pages[i] + textAt(small.resource, small.size, kMargin, kFooterY, footer) +
                                   textAt(small.resource, small.size, kPageWidth - kMargin - widthOf(pageNumber, small), kFooterY,
                                          pageNumber);
        const int page = file.reserve(), stream = file.reserve();
        file.set(stream, file.stream(content));
        file.set(page, "<< /Type /Page /Parent " + QByteArray::number(pageTree) + " 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 " +
                           QByteArray::number(regular) + " 0 R /F2 " + QByteArray::number(bold) + " 0 R >> >> /Contents " +
                           QByteArray::number(stream) + " 0 R >>");
        kids += QByteArray::number(page) + " 0 R ";
    }
    file.set(pageTree, "<< /Type /Pages /Kids [" + kids.trimmed() + "] /Count " + QByteArray::number(static_cast<qulonglong>(pages.size())) + " >>");
    file.set(catalog, "<< /Type /Catalog /Pages " + QByteArray::number(pageTree) + " 0 R >>");
    return file.bytes(catalog);
}

}  // namespace telerad
