#pragma once
// Hand-written Part 10 files (explicit VR little endian) for hostile input: DCMTK would not
// write them.

#include <QByteArray>

namespace telerad::test {

/// One explicit VR little endian element, its value padded to an even length.
QByteArray element(quint16 group, quint16 tag, const char* vr, QByteArray value);
/// A CT Image Storage file with a minimal meta header around `dataset`, which is written in
/// explicit VR little endian whatever `transferSyntax` the meta header declares.
QByteArray part10(const QByteArray& sopUid, const QByteArray& dataset, const QByteArray& transferSyntax = "1.2.840.10008.1.2.1");
/// Patient name and ID, study and series UIDs, all derived from `name` and `suffix`.
QByteArray patientAndStudy(const QByteArray& name, const QByteArray& suffix);
/// Sequences nested `depth` deep, all of undefined length (20 bytes a level).
QByteArray deeplyNested(int depth, const QByteArray& sopUid = "1.2.826.0.1.3680043.9.7433.79.1");
/// 65535 x 65535 pixels, 1000 frames, and 64 bytes of pixel data.
QByteArray absurdlyLarge();
/// A 16x16 16-bit image whose Pixel Data carries a VR that is no VR (bytes 02 03) and 64 of
/// its 512 bytes: DCMTK keeps it as a plain OB/OW element, not as pixel data.
QByteArray pixelDataUnderANonStandardVr();
/// A JPEG baseline image whose one fragment has a TEM marker (FF01) after its start of image,
/// on which DCMTK's JPEG decoder would loop for ever.
QByteArray jpegFragmentWithATemMarker();

}  // namespace telerad::test
