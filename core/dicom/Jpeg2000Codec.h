#pragma once
// JPEG 2000 decoding for DCMTK (which has none): a dcmdata codec over OpenJPEG, registered
// with the others in registerDicomCodecs(), so that everything that decodes through DCMTK
// (DicomImage, chooseRepresentation, the network's transcoding) reads JPEG 2000 as well.
// Decoding only: we never write JPEG 2000.

class DcmItem;

namespace telerad {

/// Some writers declare a Pixel Representation the codestream contradicts (signed in one,
/// unsigned in the other). The codestream is what was encoded, so, as GDCM and pydicom do,
/// its signedness wins: sets Pixel Representation in `dataset` to the first component's.
/// Does nothing for other transfer syntaxes or when the codestream cannot be read.
void alignPixelRepresentationWithCodestream(DcmItem& dataset);

/// Registers the decoder for JPEG 2000 (lossless only) and JPEG 2000 transfer syntaxes.
/// Called by registerDicomCodecs(); not thread-safe on its own.
void registerJpeg2000Decoder();

}  // namespace telerad
