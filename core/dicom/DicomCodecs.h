#pragma once

namespace telerad {

/// Registers DCMTK's JPEG, JPEG-LS and RLE decoders, our JPEG 2000 decoder (OpenJPEG), and its lossless JPEG and JPEG-LS
/// encoders (for sending compressed to low-bandwidth nodes), once per process; safe from
/// any thread.
void registerDicomCodecs();

}  // namespace telerad
