#pragma once
// A small PDF writer for text documents (the report's PDF rendition): A4 pages, the
// standard Helvetica fonts every PDF reader has (no font files to ship or embed), text
// wrapped by their real glyph widths, WinAnsi encoding (French and English text, accents,
// oe ligature, curly quotes and dashes; anything else becomes '?').

#include <QByteArray>
#include <QString>

#include <vector>

namespace telerad {

class PdfDocument {
public:
    enum class Style { Title, Heading, Body, Small, Alert };

    /// A paragraph, wrapped to the page width; '\n' starts a new line inside it.
    void add(Style style, const QString& text);
    /// A line at the bottom of every page, with "page N/M" on its right.
    void setFooter(const QString& text) { m_footer = text; }

    QByteArray toPdf() const;

private:
    struct Line {
        Style style;
        QByteArray text;  ///< WinAnsi bytes
        double gapBefore;
    };
    std::vector<Line> m_lines;
    QString m_footer;
};

}  // namespace telerad
