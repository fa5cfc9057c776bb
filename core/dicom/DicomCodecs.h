#pragma once

namespace telerad {

/// Registers DCMTK's JPEG, JPEG-LS and RLE decoders once per process; safe from any thread.
void registerDicomDecoders();

}  // namespace telerad
