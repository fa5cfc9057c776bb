#include "HandWrittenFiles.h"

#include <QDataStream>
#include <QIODevice>

namespace telerad::test {

namespace {

QByteArray us(quint16 v) { return QByteArray(reinterpret_cast<const char*>(&v), 2); }

/// Rows, columns and the pixel module of a monochrome image of `bits` bits.
QByteArray monochromeImage(quint16 size, quint16 bits) {
    return element(0x28, 2, "US", us(1)) + element(0x28, 4, "CS", "MONOCHROME2") + element(0x28, 0x10, "US", us(size)) +
           element(0x28, 0x11, "US", us(size)) + element(0x28, 0x100, "US", us(bits)) + element(0x28, 0x101, "US", us(bits)) +
           element(0x28, 0x102, "US", us(bits - 1)) + element(0x28, 0x103, "US", us(0));
}

}  // namespace

QByteArray element(quint16 group, quint16 tag, const char* vr, QByteArray value) {
    if (value.size() % 2) value.append(vr[0] == 'U' && vr[1] == 'I' ? '\0' : ' ');
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setByteOrder(QDataStream::LittleEndian);
    s << group << tag;
    s.writeRawData(vr, 2);
    const bool longForm = QByteArray("OB OW SQ UN UT").contains(QByteArray(vr, 2));
    if (longForm) s << quint16(0) << quint32(value.size());
    else s << quint16(value.size());
    s.writeRawData(value.constData(), static_cast<int>(value.size()));
    return out;
}

QByteArray part10(const QByteArray& sopUid, const QByteArray& dataset, const QByteArray& transferSyntax) {
    const QByteArray ct = "1.2.840.10008.5.1.4.1.1.2";
    const QByteArray meta = element(2, 1, "OB", QByteArray("\0\1", 2)) + element(2, 2, "UI", ct) + element(2, 3, "UI", sopUid) +
                            element(2, 0x10, "UI", transferSyntax);
    const quint32 length = static_cast<quint32>(meta.size());
    return QByteArray(128, '\0') + "DICM" + element(2, 0, "UL", QByteArray(reinterpret_cast<const char*>(&length), 4)) + meta +
           element(8, 0x16, "UI", ct) + element(8, 0x18, "UI", sopUid) + dataset;
}

QByteArray patientAndStudy(const QByteArray& name, const QByteArray& suffix) {
    return element(0x10, 0x10, "PN", name) + element(0x10, 0x20, "LO", name) + element(0x20, 0x0d, "UI", "1.2.826.0.1.3680043.9.7433.77." + suffix) +
           element(0x20, 0x0e, "UI", "1.2.826.0.1.3680043.9.7433.78." + suffix);
}

QByteArray deeplyNested(int depth, const QByteArray& sopUid) {
    const QByteArray open = QByteArray::fromHex("0800151153510000ffffffff") + QByteArray::fromHex("feff00e0ffffffff");
    const QByteArray close = QByteArray::fromHex("feff0de000000000") + QByteArray::fromHex("feffdde000000000");
    return part10(sopUid, open.repeated(depth) + close.repeated(depth) + patientAndStudy("DEEP^Nest", "1"));
}

QByteArray absurdlyLarge() {
    return part10("1.2.826.0.1.3680043.9.7433.79.2",
                  patientAndStudy("HUGE^Image", "2") + element(0x28, 2, "US", us(1)) + element(0x28, 4, "CS", "MONOCHROME2") +
                      element(0x28, 8, "IS", "1000") + element(0x28, 0x10, "US", us(65535)) + element(0x28, 0x11, "US", us(65535)) +
                      element(0x28, 0x100, "US", us(16)) + element(0x28, 0x101, "US", us(16)) + element(0x28, 0x102, "US", us(15)) +
                      element(0x28, 0x103, "US", us(0)) + element(0x7fe0, 0x10, "OW", QByteArray(64, '\0')));
}

QByteArray pixelDataUnderANonStandardVr() {
    return part10("1.2.826.0.1.3680043.9.7433.79.6",
                  patientAndStudy("ODD^Vr", "6") + monochromeImage(16, 16) + element(0x7fe0, 0x10, "\x02\x03", QByteArray(64, '\1')));
}

QByteArray jpegFragmentWithATemMarker() {
    const QByteArray undefinedLength = QByteArray::fromHex("e07f10004f420000ffffffff");
    const QByteArray emptyOffsetTable = QByteArray::fromHex("feff00e000000000");
    const QByteArray fragment = QByteArray::fromHex("feff00e008000000") + QByteArray::fromHex("ffd8ff0100000000");
    const QByteArray endOfSequence = QByteArray::fromHex("feffdde000000000");
    return part10("1.2.826.0.1.3680043.9.7433.79.7",
                  patientAndStudy("TEM^Marker", "7") + monochromeImage(16, 8) + undefinedLength + emptyOffsetTable + fragment + endOfSequence,
                  "1.2.840.10008.1.2.4.50");
}

}  // namespace telerad::test
