#pragma once
// Hand-written Part 10 files (explicit VR little endian) for hostile input: DCMTK would not
// write them.

#include <QByteArray>

namespace telerad::test {

/// One explicit VR little endian element, its value padded to an even length.
QByteArray element(quint16 group, quint16 tag, const char* vr, QByteArray value);
/// A CT Image Storage file with a minimal meta header around `dataset`.
QByteArray part10(const QByteArray& sopUid, const QByteArray& dataset);
/// Patient name and ID, study and series UIDs, all derived from `name` and `suffix`.
QByteArray patientAndStudy(const QByteArray& name, const QByteArray& suffix);
/// Sequences nested `depth` deep, all of undefined length (20 bytes a level).
QByteArray deeplyNested(int depth, const QByteArray& sopUid = "1.2.826.0.1.3680043.9.7433.79.1");
/// 65535 x 65535 pixels, 1000 frames, and 64 bytes of pixel data.
QByteArray absurdlyLarge();

}  // namespace telerad::test
