#include "Jpeg2000Codec.h"

#include "DatasetSafety.h"

#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcvrpobw.h>
#include <openjpeg.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace telerad {

namespace {


/// What the dataset says the decoded frame must be.
struct FrameLayout {
    Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0;
    Sint32 frames = 1;
    size_t bytesPerFrame() const { return size_t{rows} * columns * samples * (bitsAllocated / 8); }
};

OFCondition layoutOf(DcmItem* dataset, FrameLayout* layout) {
    if (!dataset) return EC_IllegalCall;
    OFCondition cond = dataset->findAndGetUint16(DCM_Rows, layout->rows);
    if (cond.good()) cond = dataset->findAndGetUint16(DCM_Columns, layout->columns);
    if (cond.good()) cond = dataset->findAndGetUint16(DCM_BitsAllocated, layout->bitsAllocated);
    if (cond.good()) cond = dataset->findAndGetUint16(DCM_SamplesPerPixel, layout->samples);
    if (cond.bad()) return cond;
    if (dataset->findAndGetSint32(DCM_NumberOfFrames, layout->frames).bad() || layout->frames < 1) layout->frames = 1;
    if ((layout->bitsAllocated != 8 && layout->bitsAllocated != 16) || (layout->samples != 1 && layout->samples != 3) ||
        layout->rows == 0 || layout->columns == 0)
        return makeOFCondition(OFM_dcmdata, 0x7a02, OF_error,
                               "JPEG 2000: only 8 or 16 bits allocated and 1 or 3 samples per pixel are supported");
    return EC_Normal;
}

// A frame's codestream ends with the EOC marker (FF D9), perhaps followed by one pad byte:
// fragments are appended until it has been seen, whatever the offset table says.
bool endsWithEndOfCodestream(const std::vector<Uint8>& bytes) {
    size_t end = bytes.size();
    if (end > 0 && bytes[end - 1] == 0) --end;
    return end >= 2 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9;
}

OFCondition codestreamOfFrame(DcmPixelSequence* sequence, Uint32& fragment, std::vector<Uint8>* bytes) {
    bytes->clear();
    const Uint32 fragments = static_cast<Uint32>(sequence->card());
    while (fragment < fragments) {
        DcmPixelItem* item = nullptr;
        Uint8* data = nullptr;
        OFCondition cond = sequence->getItem(item, fragment++);
        if (cond.good()) cond = item->getUint8Array(data);
        if (cond.bad()) return cond;
        if (data) bytes->insert(bytes->end(), data, data + item->getLength());
        if (endsWithEndOfCodestream(*bytes)) break;
    }
    return bytes->empty() ? makeOFCondition(OFM_dcmdata, 0x7a03, OF_error, "JPEG 2000: no compressed data for the frame")
                          : EC_Normal;
}

/// OpenJPEG reads from our buffer through these callbacks.
struct MemoryStream {
    const std::vector<Uint8>* bytes;
    size_t position = 0;
};

OPJ_SIZE_T readFromMemory(void* buffer, OPJ_SIZE_T count, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    const size_t left = s->bytes->size() - s->position;
    if (left == 0) return static_cast<OPJ_SIZE_T>(-1);
    const size_t n = std::min<size_t>(count, left);
    std::memcpy(buffer, s->bytes->data() + s->position, n);
    s->position += n;
    return n;
}

OPJ_OFF_T skipInMemory(OPJ_OFF_T count, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    const auto target = std::clamp<OPJ_OFF_T>(static_cast<OPJ_OFF_T>(s->position) + count, 0, static_cast<OPJ_OFF_T>(s->bytes->size()));
    const OPJ_OFF_T skipped = target - static_cast<OPJ_OFF_T>(s->position);
    s->position = static_cast<size_t>(target);
    return skipped;
}

OPJ_BOOL seekInMemory(OPJ_OFF_T position, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (position < 0 || static_cast<size_t>(position) > s->bytes->size()) return OPJ_FALSE;
    s->position = static_cast<size_t>(position);
    return OPJ_TRUE;
}

void keepMessage(const char* message, void* user) {
    if (static_cast<std::string*>(user)->empty()) *static_cast<std::string*>(user) = message;
}

// opj_codec_t and opj_stream_t are both void: one deleter type each.
struct CodecDeleter {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

OFCondition failed(const std::string& why) {
    return makeOFCondition(OFM_dcmdata, 0x7a04, OF_error, ("JPEG 2000: " + why).c_str());
}

/// Decodes one codestream (raw J2K, or a JP2 file as some writers wrap it) into `out`,
/// interleaved samples of `layout`'s size in the machine's byte order.
OFCondition decodeCodestream(const std::vector<Uint8>& bytes, const FrameLayout& layout, Uint8* out) {
    static const Uint8 jp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    const bool jp2 = bytes.size() >= sizeof jp2Signature && std::memcmp(bytes.data(), jp2Signature, sizeof jp2Signature) == 0;
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    std::string error;
    opj_set_error_handler(codec.get(), keepMessage, &error);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters)) return failed("decoder set-up failed");

    MemoryStream source{&bytes};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(64 * 1024, OPJ_TRUE));
    opj_stream_set_user_data(stream.get(), &source, nullptr);
    opj_stream_set_user_data_length(stream.get(), bytes.size());
    opj_stream_set_read_function(stream.get(), readFromMemory);
    opj_stream_set_skip_function(stream.get(), skipInMemory);
    opj_stream_set_seek_function(stream.get(), seekInMemory);

    opj_image_t* raw = nullptr;
    const bool header = opj_read_header(stream.get(), codec.get(), &raw);
    std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
    if (!header) return failed(error.empty() ? "damaged codestream" : error);
    // Sized by the header before anything is decoded: OpenJPEG allocates what the codestream
    // declares, which a hostile file can make tens of gigabytes.
    if (image->x1 - image->x0 != layout.columns || image->y1 - image->y0 != layout.rows)
        return failed("codestream size differs from Rows and Columns");
    if (image->numcomps < layout.samples || image->numcomps > 4) return failed("components do not match Samples per Pixel");
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        return failed(error.empty() ? "damaged codestream" : error);
    for (Uint16 c = 0; c < layout.samples; ++c) {
        const opj_image_comp_t& comp = image->comps[c];
        if (comp.w != layout.columns || comp.h != layout.rows || comp.dx != 1 || comp.dy != 1 || !comp.data)
            return failed("image size differs from Rows and Columns");
    }
    const size_t pixels = size_t{layout.rows} * layout.columns;
    for (size_t p = 0; p < pixels; ++p)
        for (Uint16 c = 0; c < layout.samples; ++c) {
            const OPJ_INT32 value = image->comps[c].data[p];
            const size_t at = p * layout.samples + c;
            if (layout.bitsAllocated == 8) out[at] = static_cast<Uint8>(value);
            else reinterpret_cast<Uint16*>(out)[at] = static_cast<Uint16>(value);  // two's complement when signed
        }
    return EC_Normal;
}

/// After decoding, colour is RGB (OpenJPEG undoes the RCT/ICT) and interleaved.
OFCondition describeDecodedColour(DcmItem* dataset, const FrameLayout& layout) {
    if (layout.samples != 3) return EC_Normal;
    OFCondition cond = dataset->putAndInsertString(DCM_PhotometricInterpretation, "RGB");
    if (cond.good()) cond = dataset->putAndInsertUint16(DCM_PlanarConfiguration, 0);
    return cond;
}

class Jpeg2000Decoder : public DcmCodec {
public:
    OFBool canChangeCoding(const E_TransferSyntax from, const E_TransferSyntax to) const override {
        return (from == EXS_JPEG2000LosslessOnly || from == EXS_JPEG2000) && DcmXfer(to).isNotEncapsulated();
    }

    OFCondition decode(const DcmRepresentationParameter*, DcmPixelSequence* sequence, DcmPolymorphOBOW& pixelData,
                       const DcmCodecParameter*, const DcmStack& objStack, OFBool&) const override {
        DcmStack stack(objStack);
        stack.pop();  // the pixel data element; below it, the item holding it
        DcmObject* holder = stack.pop();
        auto* dataset = holder && (holder->ident() == EVR_dataset || holder->ident() == EVR_item) ? static_cast<DcmItem*>(holder) : nullptr;
        FrameLayout layout;
        OFCondition cond = layoutOf(dataset, &layout);
        if (cond.bad()) return cond;
        // The uncompressed data keeps the codestream's signedness (transcoding, export).
        alignPixelRepresentationWithCodestream(*dataset);
        const size_t total = layout.bytesPerFrame() * static_cast<size_t>(layout.frames);
        if (total >= 0xFFFFFFF0u) return EC_ElemLengthExceeds32BitField;
        Uint16* words = nullptr;
        cond = pixelData.createUint16Array(static_cast<Uint32>((total + 1) / 2), words);
        if (cond.bad()) return cond;
        Uint32 fragment = 1;  // item 0 is the offset table
        std::vector<Uint8> codestream;
        for (Sint32 frame = 0; frame < layout.frames && cond.good(); ++frame) {
            cond = codestreamOfFrame(sequence, fragment, &codestream);
            if (cond.good()) cond = decodeCodestream(codestream, layout, reinterpret_cast<Uint8*>(words) + frame * layout.bytesPerFrame());
        }
        return cond.good() ? describeDecodedColour(dataset, layout) : cond;
    }

    OFCondition decodeFrame(const DcmRepresentationParameter*, DcmPixelSequence* sequence, const DcmCodecParameter*,
                            DcmItem* dataset, Uint32 frameNo, Uint32& startFragment, void* buffer, Uint32 bufSize,
                            OFString& colourModel) const override {
        FrameLayout layout;
        OFCondition cond = layoutOf(dataset, &layout);
        if (cond.bad()) return cond;
        if (bufSize < layout.bytesPerFrame() || frameNo >= static_cast<Uint32>(layout.frames)) return EC_IllegalCall;
        if (startFragment == 0) cond = determineStartFragment(frameNo, layout.frames, sequence, startFragment);
        if (cond.bad()) return cond;
        std::vector<Uint8> codestream;
        cond = codestreamOfFrame(sequence, startFragment, &codestream);
        if (cond.good()) cond = decodeCodestream(codestream, layout, static_cast<Uint8*>(buffer));
        if (cond.good()) cond = determineDecompressedColorModel(nullptr, sequence, nullptr, dataset, colourModel);
        return cond;
    }

    OFCondition encode(const Uint16*, const Uint32, const DcmRepresentationParameter*, DcmPixelSequence*&,
                       const DcmCodecParameter*, DcmStack&, OFBool&) const override {
        return EC_IllegalCall;  // decoding only
    }

    OFCondition encode(const E_TransferSyntax, const DcmRepresentationParameter*, DcmPixelSequence*,
                       const DcmRepresentationParameter*, DcmPixelSequence*&, const DcmCodecParameter*, DcmStack&,
                       OFBool&) const override {
        return EC_IllegalCall;
    }

    OFCondition determineDecompressedColorModel(const DcmRepresentationParameter*, DcmPixelSequence*,
                                                const DcmCodecParameter*, DcmItem* dataset, OFString& model) const override {
        if (!dataset) return EC_IllegalCall;
        Uint16 samples = 1;
        dataset->findAndGetUint16(DCM_SamplesPerPixel, samples);
        if (samples == 3) {
            model = "RGB";
            return EC_Normal;
        }
        return dataset->findAndGetOFString(DCM_PhotometricInterpretation, model);
    }
};

class NoParameter : public DcmCodecParameter, public DcmRepresentationParameter {
public:
    NoParameter* clone() const override { return new NoParameter(*this); }
    const char* className() const override { return "telerad::NoParameter"; }
    OFBool operator==(const DcmRepresentationParameter& other) const override {
        return std::strcmp(other.className(), className()) == 0;
    }
};

}  // namespace

void alignPixelRepresentationWithCodestream(DcmItem& dataset) {
    DcmPixelData* pixelData = pixelDataIn(dataset);
    if (!pixelData) return;
    E_TransferSyntax xfer = EXS_Unknown;
    const DcmRepresentationParameter* parameter = nullptr;
    pixelData->getOriginalRepresentationKey(xfer, parameter);
    DcmPixelSequence* sequence = nullptr;
    if ((xfer != EXS_JPEG2000LosslessOnly && xfer != EXS_JPEG2000) ||
        pixelData->getEncapsulatedRepresentation(xfer, parameter, sequence).bad() || !sequence)
        return;
    DcmPixelItem* item = nullptr;
    Uint8* data = nullptr;
    if (sequence->getItem(item, 1).bad() || item->getUint8Array(data).bad() || !data) return;
    // SOC, SIZ marker, Lsiz, Rsiz, eight 32-bit sizes and Csiz precede the first Ssiz byte,
    // whose high bit says "signed".
    constexpr Uint32 firstSsiz = 2 + 2 + 2 + 2 + 8 * 4 + 2;
    if (item->getLength() <= firstSsiz || data[0] != 0xFF || data[1] != 0x4F || data[2] != 0xFF || data[3] != 0x51) return;
    const Uint16 codestreamSigned = (data[firstSsiz] & 0x80) ? 1 : 0;
    Uint16 declared = 0;
    if (dataset.findAndGetUint16(DCM_PixelRepresentation, declared).good() && declared != codestreamSigned)
        dataset.putAndInsertUint16(DCM_PixelRepresentation, codestreamSigned);
}

void registerJpeg2000Decoder() {
    static Jpeg2000Decoder decoder;
    static NoParameter representation;
    static NoParameter parameters;
    DcmCodecList::registerCodec(&decoder, &representation, &parameters);
}

}  // namespace telerad
