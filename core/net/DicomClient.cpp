#include "DicomClient.h"

#include "DicomTls.h"
#include "TransferSyntaxes.h"
#include "dicom/DicomCodecs.h"
#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"
#include "security/AuditTrail.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcostrmb.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include <QFile>

#include <map>
#include <set>

namespace telerad {

namespace {

QString latin(const OFString& s) { return QString::fromLatin1(s.c_str()).trimmed(); }
OFString ofString(const QString& s) { return OFString(s.toLatin1().constData()); }

OFList<OFString> toOfList(const QStringList& uids) {
    OFList<OFString> list;
    for (const QString& uid : uids) list.push_back(ofString(uid));
    return list;
}

// DcmSCU that archives what a C-GET brings in through the caller's handler.
class ScuConnection : public DcmSCU {
public:
    using DcmSCU::useSecureConnection;  // protected in DcmSCU, though it is how TLS is chosen
    ReceivedInstanceHandler onInstance;
    RetrieveSummary received;

protected:
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID presID, DcmDataset* incomingObject,
                                   OFBool& continueCGETSession, Uint16& cStoreReturnStatus) override {
        (void)presID;
        continueCGETSession = OFTrue;
        std::unique_ptr<DcmDataset> owned(incomingObject);  // DcmSCU hands over ownership
        auto stored = onInstance && owned ? onInstance(*owned) : Result<StoreResult>(failure(QStringLiteral("no handler")));
        cStoreReturnStatus = stored.ok()        ? STATUS_STORE_Success
                             : stored.refused() ? STATUS_STORE_Error_CannotUnderstand
                                                : STATUS_STORE_Refused_OutOfResources;
        return EC_Normal;
    }
};

bool isImageStorage(const QString& sopClass) {
    return dcmIsImageStorageSOPClassUID(sopClass.toLatin1().constData());
}

// Presentation contexts for sending `instances`: per SOP class, lossless compression first
// for a low-bandwidth node, each file's own compressed syntax, and uncompressed as fallback.
void proposeStorage(DcmSCU& scu, const std::vector<InstanceRef>& instances, bool lowBandwidth) {
    std::map<QString, std::set<QString>> syntaxesByClass;
    for (const InstanceRef& i : instances) syntaxesByClass[i.sopClassUid].insert(i.transferSyntaxUid);
    int contexts = 0;
    auto propose = [&](const QString& sopClass, const QStringList& syntaxes) {
        if (contexts++ < 127) scu.addPresentationContext(ofString(sopClass), toOfList(syntaxes));
    };
    for (const auto& [sopClass, syntaxes] : syntaxesByClass) {
        if (lowBandwidth && isImageStorage(sopClass))
            for (const QString& compressed : transfersyntax::losslessCompressed()) propose(sopClass, {compressed});
        for (const QString& syntax : syntaxes)
            if (!transfersyntax::isUncompressed(syntax) && !(lowBandwidth && transfersyntax::losslessCompressed().contains(syntax)))
                propose(sopClass, {syntax});
        propose(sopClass, transfersyntax::uncompressed());
    }
}

void proposeQueryRetrieve(DcmSCU& scu, bool lowBandwidth) {
    const OFList<OFString> uncompressed = toOfList(transfersyntax::uncompressed());
    for (const char* model : {UID_FINDStudyRootQueryRetrieveInformationModel, UID_MOVEStudyRootQueryRetrieveInformationModel,
                              UID_GETStudyRootQueryRetrieveInformationModel})
        scu.addPresentationContext(model, uncompressed);
    // C-GET brings instances back on this association: we take the SCP role for storage.
    // The most common classes only, to stay within the 128 presentation contexts. Our order
    // tells the peer what we want: lossless compression first on a slow link.
    const QStringList syntaxes = lowBandwidth ? transfersyntax::losslessCompressed() + transfersyntax::uncompressed()
                                              : transfersyntax::retrievedOnOurAssociation();
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs && i < 120; ++i)
        scu.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], toOfList(syntaxes), ASC_SC_ROLE_SCP);
}

}  // namespace

QByteArray serializeDataset(DcmDataset& dataset) {
    const Uint32 length = dataset.calcElementLength(EXS_LittleEndianExplicit, EET_ExplicitLength);
    QByteArray bytes(static_cast<qsizetype>(length) + 256, '\0');  // + room for the stream's own slack
    DcmOutputBufferStream out(bytes.data(), static_cast<offile_off_t>(bytes.size()));
    dataset.transferInit();
    const OFCondition cond = dataset.write(out, EXS_LittleEndianExplicit, EET_ExplicitLength, nullptr);
    dataset.transferEnd();
    if (cond.bad()) return {};
    void* written = nullptr;
    offile_off_t size = 0;
    out.flushBuffer(written, size);
    bytes.truncate(static_cast<qsizetype>(size));
    return bytes;
}

Result<std::unique_ptr<DcmDataset>> parseDataset(const QByteArray& bytes) {
    auto dataset = std::make_unique<DcmDataset>();
    DcmInputBufferStream in;
    in.setBuffer(bytes.constData(), static_cast<offile_off_t>(bytes.size()));
    in.setEos();
    dataset->transferInit();
    const OFCondition cond = dataset->read(in, EXS_LittleEndianExplicit);
    dataset->transferEnd();
    if (cond.bad()) return failure(QStringLiteral("a stored dataset cannot be read back: %1").arg(QString::fromLatin1(cond.text())));
    return dataset;
}

Status amendDataset(DcmDataset& dataset, const DcmDataset& amendment) {
    DcmDataset additions(amendment);
    OFString charset;
    if (additions.findAndGetOFString(DCM_SpecificCharacterSet, charset).good()) {
        OFString own;
        if (dataset.findAndGetOFStringArray(DCM_SpecificCharacterSet, own).bad() || own.empty())
            dataset.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");  // ASCII is UTF-8 already
        else if (own != "ISO_IR 192" && dataset.convertToUTF8().bad())
            return failure(QStringLiteral("cannot convert its text from %1 to UTF-8 to add the request").arg(QString::fromLatin1(own.c_str())));
        delete additions.remove(DCM_SpecificCharacterSet);
    }
    while (additions.card() > 0) {
        DcmElement* element = additions.remove(static_cast<unsigned long>(0));
        DcmTag tag = element->getTag();
        if (OFCondition cond = dataset.insert(element, true); cond.bad()) {
            delete element;
            return failure(QStringLiteral("cannot add %1: %2").arg(QString::fromLatin1(tag.getTagName()), QString::fromLatin1(cond.text())));
        }
    }
    return success();
}

Result<InstanceRef> readInstanceRef(const QString& file) {
    DcmMetaInfo meta;
    const OFCondition cond = guardedParse([&] { return meta.loadFile(QFile::encodeName(file).constData()); });
    OFString sopClass, sopInstance, syntax;
    meta.findAndGetOFString(DCM_MediaStorageSOPClassUID, sopClass);
    meta.findAndGetOFString(DCM_MediaStorageSOPInstanceUID, sopInstance);
    meta.findAndGetOFString(DCM_TransferSyntaxUID, syntax);
    if (cond.bad() || sopClass.empty() || sopInstance.empty() || syntax.empty())
        return failure(QStringLiteral("%1: not a DICOM file with a meta header (%2)")
                           .arg(file, cond.bad() ? QString::fromLatin1(cond.text()) : QStringLiteral("missing UIDs")));
    return InstanceRef{file, latin(sopClass), latin(sopInstance), latin(syntax)};
}

QString queryLevelName(QueryLevel level) {
    switch (level) {
    case QueryLevel::Patient: return QStringLiteral("PATIENT");
    case QueryLevel::Study: return QStringLiteral("STUDY");
    case QueryLevel::Series: return QStringLiteral("SERIES");
    case QueryLevel::Image: return QStringLiteral("IMAGE");
    }
    return {};
}

Result<QueryLevel> parseQueryLevel(const QString& text) {
    for (QueryLevel level : {QueryLevel::Patient, QueryLevel::Study, QueryLevel::Series, QueryLevel::Image})
        if (text.compare(queryLevelName(level), Qt::CaseInsensitive) == 0) return level;
    return failure(QStringLiteral("unknown query level '%1' (patient, study, series, image)").arg(text));
}

struct DicomClient::Private {
    Node peer;
    QString dataFolderRoot;  // whose audit trail records our queries
    std::shared_ptr<DcmTLSTransportLayer> tls;  // must outlive the association
    ScuConnection scu;
    bool lowBandwidth = false;

    QString describe() const { return peer.describe(); }
    Error error(const QString& operation, const OFCondition& cond) const {
        return failure(QStringLiteral("%1 %2: %3").arg(operation, describe(), QString::fromLatin1(cond.text())));
    }
    T_ASC_PresentationContextID context(const char* abstractSyntax) {
        return scu.findAnyPresentationContextID(abstractSyntax, "");
    }
};

DicomClient::DicomClient(std::unique_ptr<Private> p) : d(std::move(p)) {}

DicomClient::~DicomClient() { release(); }

QString DicomClient::peerName() const { return d->describe(); }

Result<std::unique_ptr<DicomClient>> DicomClient::connect(const NodeBook& book, const Node& peer, Purpose purpose,
                                                          const std::vector<InstanceRef>& instances,
                                                          const QString& callingAe) {
    enableNoDelayOnDicomSockets();
    registerDicomCodecs();
    auto d = std::make_unique<Private>();
    d->peer = peer;
    d->dataFolderRoot = book.dataFolderRoot();
    d->lowBandwidth = peer.lowBandwidth;
    ScuConnection& scu = d->scu;
    scu.setAETitle(ofString(callingAe.isEmpty() ? book.site().aeTitle : callingAe));
    scu.setPeerHostName(ofString(peer.host));
    scu.setPeerPort(peer.port);
    scu.setPeerAETitle(ofString(peer.aeTitle));
    scu.setMaxReceivePDULength(transfersyntax::kMaxPduBytes);
    scu.setConnectionTimeout(15);
    scu.setACSETimeout(30);
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scu.setDIMSETimeout(120);
    if (peer.tls) {
        auto tls = makeTlsLayer(AssociationRole::Requestor, book);
        if (!tls.ok()) return failure(QStringLiteral("connecting to %1: %2").arg(d->describe(), tls.error()));
        d->tls = tls.value();
    }
    switch (purpose) {
    case Purpose::Verification: break;
    case Purpose::Storage: proposeStorage(scu, instances, peer.lowBandwidth); break;
    case Purpose::QueryRetrieve: proposeQueryRetrieve(scu, peer.lowBandwidth); break;
    }
    scu.addPresentationContext(UID_VerificationSOPClass, toOfList(transfersyntax::uncompressed()));
    OFCondition cond = scu.initNetwork();
    if (cond.bad()) return d->error(QStringLiteral("connecting to"), cond);
    if (d->tls) {
        cond = scu.useSecureConnection(d->tls.get());  // needs the network initialised first
        if (cond.bad()) return d->error(QStringLiteral("setting up TLS to"), cond);
    }
    cond = guardedParse([&] { return scu.negotiateAssociation(); });
    if (cond == DUL_ASSOCIATIONREJECTED)
        return failure(QStringLiteral("connecting to %1: the peer refused the association (our AE title or "
                                      "certificate is not accepted there, or it does not serve these requests)")
                           .arg(d->describe()));
    // With TLS 1.3 a peer checks our certificate after our side of the handshake is done:
    // all we see of its refusal of an expired one is the association aborted, so we say why.
    if (cond.bad() && d->tls) {
        if (const QString expired = siteCertificateExpiry(book, 0); !expired.isEmpty())
            return failure(QStringLiteral("connecting to %1: %2; this site's certificate %3").arg(d->describe(), QString::fromLatin1(cond.text()), expired));
    }
    if (cond.bad()) return d->error(QStringLiteral("connecting to"), cond);
    return std::unique_ptr<DicomClient>(new DicomClient(std::move(d)));
}

void DicomClient::release() {
    if (d && d->scu.isConnected()) d->scu.releaseAssociation();
}

Status DicomClient::echo() {
    const OFCondition cond = guardedParse([&] { return d->scu.sendECHORequest(d->context(UID_VerificationSOPClass)); });
    if (cond.bad()) return d->error(QStringLiteral("C-ECHO to"), cond);
    return success();
}

Result<DimseStatus> DicomClient::store(const InstanceRef& instance, const DcmDataset* amendment, const QString& moveOriginatorAe,
                                       quint16 moveOriginatorMessageId) {
    DcmFileFormat file;
    OFCondition cond = loadDicomFile(file, instance.file);
    if (cond.bad())
        return DimseStatus{0xa700, QStringLiteral("cannot read %1: %2").arg(instance.file, QString::fromLatin1(cond.text()))};
    DcmDataset* dataset = file.getDataset();
    if (amendment) {
        if (Status amended = amendDataset(*dataset, *amendment); !amended.ok())
            return DimseStatus{0xa700, QStringLiteral("%1: %2").arg(instance.file, amended.error())};
    }
    const QByteArray sopClass = instance.sopClassUid.toLatin1();
    T_ASC_PresentationContextID id = 0;
    // Compress for a slow link when it works for this image; else its own syntax; else uncompressed.
    if (d->lowBandwidth && transfersyntax::isUncompressed(instance.transferSyntaxUid)) {
        for (const QString& syntax : transfersyntax::losslessCompressed()) {
            const T_ASC_PresentationContextID candidate = d->scu.findPresentationContextID(sopClass.constData(), syntax.toLatin1().constData());
            if (candidate && dataset->chooseRepresentation(DcmXfer(syntax.toLatin1().constData()).getXfer(), nullptr).good() &&
                dataset->canWriteXfer(DcmXfer(syntax.toLatin1().constData()).getXfer())) {
                id = candidate;
                break;
            }
        }
    }
    if (!id) id = d->scu.findPresentationContextID(sopClass.constData(), instance.transferSyntaxUid.toLatin1().constData());
    if (!id) {
        for (const QString& syntax : transfersyntax::uncompressed()) {
            const T_ASC_PresentationContextID candidate = d->scu.findPresentationContextID(sopClass.constData(), syntax.toLatin1().constData());
            if (candidate && dataset->chooseRepresentation(DcmXfer(syntax.toLatin1().constData()).getXfer(), nullptr).good()) {
                id = candidate;
                break;
            }
        }
    }
    if (!id) {
        const QString why = transfersyntax::isUncompressed(instance.transferSyntaxUid)
                                ? QStringLiteral("it does not accept SOP class %1").arg(instance.sopClassUid)
                                : QStringLiteral("it does not accept its transfer syntax %1, and it cannot be decompressed here")
                                      .arg(instance.transferSyntaxUid);
        return DimseStatus{0x0122, QStringLiteral("%1 cannot take %2 (%3): %4").arg(d->describe(), instance.file, instance.sopInstanceUid, why)};
    }
    Uint16 status = 0;
    cond = guardedParse([&] { return d->scu.sendSTORERequest(id, OFFilename(), dataset, status, ofString(moveOriginatorAe), moveOriginatorMessageId); });
    if (cond.bad()) return d->error(QStringLiteral("C-STORE to"), cond);
    return DimseStatus{status, QString::fromLatin1(DU_cstoreStatusString(status)), dicomText(*dataset, DCM_PatientID),
                       dicomText(*dataset, DCM_StudyInstanceUID)};
}

// Every query we send is audited: its keys name the patient or study searched for.
Result<std::vector<std::unique_ptr<DcmDataset>>> DicomClient::find(QueryLevel level, DcmDataset& keys) {
    auto matches = sendFind(level, keys);
    (void)recordAudit(d->dataFolderRoot, {audit::kQuerySent, matches.ok(), patientNamedByQueryKey(dicomText(keys, DCM_PatientID)),
                               dicomText(keys, DCM_StudyInstanceUID), d->describe(),
                               matches.ok() ? QStringLiteral("C-FIND at %1 level, %2 matches")
                                                  .arg(queryLevelName(level)).arg(matches->size())
                                            : matches.error()});
    return matches;
}

Result<std::vector<std::unique_ptr<DcmDataset>>> DicomClient::sendFind(QueryLevel level, DcmDataset& keys) {
    keys.putAndInsertOFStringArray(DCM_QueryRetrieveLevel, ofString(queryLevelName(level)));
    OFList<QRResponse*> responses;
    // What the peer answers is parsed inside these calls: see guardedParse.
    const OFCondition cond = guardedParse([&] { return d->scu.sendFINDRequest(d->context(UID_FINDStudyRootQueryRetrieveInformationModel), &keys, &responses); });
    std::vector<std::unique_ptr<DcmDataset>> matches;
    Uint16 finalStatus = 0;
    for (QRResponse* response : responses) {
        if (response->m_dataset) matches.emplace_back(static_cast<DcmDataset*>(response->m_dataset->clone()));
        finalStatus = response->m_status;
        delete response;
    }
    if (cond.bad()) return d->error(QStringLiteral("C-FIND at"), cond);
    if (finalStatus != 0)
        return failure(QStringLiteral("C-FIND at %1: %2 (status 0x%3)").arg(d->describe(), QString::fromLatin1(DU_cfindStatusString(finalStatus)))
                           .arg(finalStatus, 4, 16, QLatin1Char('0')));
    return matches;
}

namespace {

RetrieveSummary summarize(OFList<RetrieveResponse*>& responses, const char* (*statusText)(Uint16)) {
    RetrieveSummary summary;
    for (RetrieveResponse* response : responses) {
        summary.completed = response->m_numberOfCompletedSubops;
        summary.failed = response->m_numberOfFailedSubops;
        summary.warning = response->m_numberOfWarningSubops;
        summary.finalStatus = DimseStatus{response->m_status, QString::fromLatin1(statusText(response->m_status))};
        delete response;
    }
    return summary;
}

}  // namespace

Result<RetrieveSummary> DicomClient::move(QueryLevel level, DcmDataset& keys, const QString& destinationAe) {
    keys.putAndInsertOFStringArray(DCM_QueryRetrieveLevel, ofString(queryLevelName(level)));
    OFList<RetrieveResponse*> responses;
    const OFCondition cond = guardedParse([&] {
        return d->scu.sendMOVERequest(d->context(UID_MOVEStudyRootQueryRetrieveInformationModel), ofString(destinationAe), &keys, &responses);
    });
    RetrieveSummary summary = summarize(responses, DU_cmoveStatusString);
    if (cond.bad()) return d->error(QStringLiteral("C-MOVE at"), cond);
    if (summary.finalStatus.code == STATUS_MOVE_Refused_MoveDestinationUnknown)
        return failure(QStringLiteral("C-MOVE at %1: it does not know the destination AE title %2, so it cannot send "
                                      "there. Add %2 (with our address) to its node list, or retrieve with C-GET "
                                      "(works behind NAT)").arg(d->describe(), destinationAe));
    return summary;
}

Result<RetrieveSummary> DicomClient::get(QueryLevel level, DcmDataset& keys, const ReceivedInstanceHandler& onInstance) {
    keys.putAndInsertOFStringArray(DCM_QueryRetrieveLevel, ofString(queryLevelName(level)));
    OFList<RetrieveResponse*> responses;
    d->scu.onInstance = onInstance;
    const OFCondition cond = guardedParse([&] { return d->scu.sendCGETRequest(d->context(UID_GETStudyRootQueryRetrieveInformationModel), &keys, &responses); });
    d->scu.onInstance = nullptr;
    RetrieveSummary summary = summarize(responses, DU_cgetStatusString);
    if (cond.bad()) return d->error(QStringLiteral("C-GET at"), cond);
    return summary;
}

}  // namespace telerad
