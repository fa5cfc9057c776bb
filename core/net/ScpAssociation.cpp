#include "ScpAssociation.h"

#include "DicomClient.h"
#include "Pki.h"
#include "TransferSyntaxes.h"
#include "common/Logging.h"
#include "dicom/DicomErrors.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/ofstd/ofstd.h>

#include <atomic>

#include <QFile>

#include <cstring>

namespace telerad {

namespace {

constexpr Uint16 kRefusedNotAuthorized = 0x0124;  // PS3.7 C.5.4: Refused: Not Authorized

QString text(const OFString& s) { return QString::fromLatin1(s.c_str()).trimmed(); }

// The query/retrieve level of an identifier, for the services.
bool hasLevel(DcmDataset& identifier) {
    OFString level;
    return identifier.findAndGetOFString(DCM_QueryRetrieveLevel, level).good() && !level.empty();
}

}  // namespace

ScpAssociation::ScpAssociation(DcmBaseSCPPool& pool, const ScpContext& context)
    : DcmBaseSCPWorker(pool), m_context(context) {}

OFCondition ScpAssociation::setSharedConfig(const DcmSharedSCPConfig& config) {
    return DcmThreadSCP::setSharedConfig(config);
}

OFBool ScpAssociation::busy() { return isConnected(); }

OFCondition ScpAssociation::workerListen(T_ASC_Association* const assoc) {
    // The TLS handshake is done and the A-ASSOCIATE-RQ read: keep what access control needs.
    m_association = assoc;
    m_peerCertificate.clear();
    if (const unsigned long length = ASC_getPeerCertificateLength(assoc)) {
        m_peerCertificate.resize(static_cast<qsizetype>(length));
        ASC_getPeerCertificate(assoc, m_peerCertificate.data(), length);
        auto info = pki::describeCertificate(m_peerCertificate);
        if (info.ok()) m_peer.certificateSubject = info->subject;
    }
    m_peer.host = QString::fromLatin1(assoc->params->DULparams.callingPresentationAddress);
    m_peer.aeTitle = QString::fromLatin1(assoc->params->DULparams.callingAPTitle).trimmed();
    static std::atomic<qint64> associations{0};
    m_peer.association = ++associations;
    m_node.reset();
    // DCMTK parses what peers send (command sets, query identifiers) inside this call, and may
    // throw on damaged content: that ends this association, not the service.
    const OFCondition result = guardedParse([&] { return DcmThreadSCP::run(assoc); });
    if (isDamagedContent(result))
        qCWarning(lcNet).noquote() << "association from" << m_peer.describe() << "ended:" << result.text();
    m_association = nullptr;
    return result;
}

OFBool ScpAssociation::checkCalledAETitleAccepted(const OFString& calledAE) {
    if (text(calledAE) == m_context.settings.aeTitle) return OFTrue;
    const QString reason = QStringLiteral("called AE title %1 is not ours (%2)").arg(text(calledAE), m_context.settings.aeTitle);
    reportRefusal(reason);
    return OFFalse;
}

QString ScpAssociation::refusalReason(const QString& callingAe) const {
    const std::optional<Node> node = m_context.book.findByAeTitle(callingAe);
    if (!node) return QStringLiteral("calling AE title %1 is not in the address book").arg(callingAe);
    const bool secure = m_context.settings.tls;
    if (node->tls && !secure) return QStringLiteral("node %1 must use TLS, this service runs without it").arg(node->name);
    if (!secure || node->certificateFile.isEmpty()) return {};
    QFile pinned(m_context.book.certificatePath(*node));
    if (!pinned.open(QIODevice::ReadOnly))
        return QStringLiteral("node %1: cannot read its certificate %2").arg(node->name, pinned.fileName());
    if (!pki::isIssuedBy(m_peerCertificate, pinned.readAll()))
        return QStringLiteral("node %1 (AE %2) presented a certificate (%3) that is not the one pinned for it")
            .arg(node->name, callingAe, m_peer.certificateSubject);
    return {};
}

OFBool ScpAssociation::checkCallingAETitleAccepted(const OFString& callingAE) {
    const QString reason = refusalReason(text(callingAE));
    if (reason.isEmpty()) {
        m_node = m_context.book.findByAeTitle(text(callingAE));
        return OFTrue;
    }
    reportRefusal(reason);
    return OFFalse;
}

void ScpAssociation::notifyAssociationAcknowledge() {
    qCInfo(lcNet).noquote() << "association accepted from" << m_peer.describe();
    if (m_context.observer) m_context.observer->associationAccepted(m_peer);
}

void ScpAssociation::notifyAssociationTermination() {
    if (!m_node) return;
    m_context.services.associationEnded(m_peer);
    if (m_context.observer) m_context.observer->associationEnded(m_peer);
}

void ScpAssociation::reportRefusal(const QString& reason) {
    qCWarning(lcNet).noquote() << "refused association from" << m_peer.describe() << ":" << reason;
    m_context.services.associationRefused(m_peer, reason);
    if (m_context.observer) m_context.observer->associationRefused(m_peer, reason);
}

namespace {

bool isQueryRetrieveOrVerification(const char* abstractSyntax) {
    for (const char* uid : {UID_VerificationSOPClass, UID_FINDStudyRootQueryRetrieveInformationModel,
                            UID_MOVEStudyRootQueryRetrieveInformationModel, UID_GETStudyRootQueryRetrieveInformationModel,
                            UID_FINDPatientRootQueryRetrieveInformationModel, UID_MOVEPatientRootQueryRetrieveInformationModel,
                            UID_GETPatientRootQueryRetrieveInformationModel})
        if (std::strcmp(abstractSyntax, uid) == 0) return true;
    return false;
}

// Our preferred transfer syntax among those proposed in `context`; empty when none fits.
QByteArray preferredSyntax(const T_ASC_PresentationContext& context, const QStringList& ours) {
    for (const QString& syntax : ours) {
        const QByteArray uid = syntax.toLatin1();
        for (int i = 0; i < context.transferSyntaxCount; ++i)
            if (std::strcmp(context.proposedTransferSyntaxes[i], uid.constData()) == 0) return uid;
    }
    return {};
}

// The first syntax in the peer's order that we can produce from any archived image: for
// storage contexts where the peer retrieving by C-GET is the receiver, its order says what
// it wants (uncompressed first on a fast link, lossless compression first on a slow one).
QByteArray firstProducible(const T_ASC_PresentationContext& context) {
    const QStringList producible = transfersyntax::retrievedOnOurAssociation();
    for (int i = 0; i < context.transferSyntaxCount; ++i)
        if (producible.contains(QLatin1String(context.proposedTransferSyntaxes[i]))) return context.proposedTransferSyntaxes[i];
    return {};
}

bool peerReceivesStorage(const T_ASC_PresentationContext& context) {
    return context.proposedRole == ASC_SC_ROLE_SCP;
}

}  // namespace

// Done here rather than through DcmSCP's association profile, which holds at most 128
// presentation contexts: we accept every storage SOP class DCMTK knows, in the role the
// peer proposes (SCP for itself when it retrieves by C-GET), like DCMTK's own dcmqrscp.
OFCondition ScpAssociation::negotiateAssociation() {
    if (!m_association) return DIMSE_ILLEGALASSOCIATION;
    T_ASC_Parameters* params = m_association->params;
    const QStringList uncompressed = transfersyntax::uncompressed(), storage = transfersyntax::acceptedForStorage();
    for (int i = 0; i < ASC_countPresentationContexts(params); ++i) {
        T_ASC_PresentationContext context;
        ASC_getPresentationContext(params, i, &context);
        QByteArray syntax;
        if (isQueryRetrieveOrVerification(context.abstractSyntax)) syntax = preferredSyntax(context, uncompressed);
        else if (dcmIsaStorageSOPClassUID(context.abstractSyntax))
            syntax = peerReceivesStorage(context) ? firstProducible(context) : preferredSyntax(context, storage);
        if (syntax.isEmpty()) continue;  // left unaccepted: the peer is told it is not supported
        const OFCondition cond = ASC_acceptPresentationContext(params, context.presentationContextID, syntax.constData(),
                                                               context.proposedRole);
        if (cond.bad()) return cond;
    }
    return EC_Normal;
}

bool ScpAssociation::allowed(Operation operation) const { return m_node && m_node->allowed.testFlag(operation); }

OFCondition ScpAssociation::handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) {
    const T_ASC_PresentationContextID id = info.presentationContextID;
    switch (message->CommandField) {
    case DIMSE_C_STORE_RQ: return handleStore(message->msg.CStoreRQ, id);
    case DIMSE_C_FIND_RQ: return handleFind(message->msg.CFindRQ, id);
    case DIMSE_C_MOVE_RQ: return handleMove(message->msg.CMoveRQ, id);
    case DIMSE_C_GET_RQ: return handleGet(message->msg.CGetRQ, id);
    default: return DcmThreadSCP::handleIncomingCommand(message, info);  // C-ECHO, and refusal of the rest
    }
}

// The dataset is read off the wire unparsed and dropped, then the refusal is the answer.
OFCondition ScpAssociation::refuseStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationId, Uint16 status) {
    DIC_UL bytes = 0, pdvs = 0;
    const OFCondition cond = DIMSE_ignoreDataSet(m_association, getDIMSEBlockingMode(), getDIMSETimeout(), &bytes, &pdvs);
    if (cond.bad()) return cond;
    if (m_context.observer) m_context.observer->instanceReceived(m_peer, QString::fromLatin1(request.AffectedSOPInstanceUID), false);
    return sendSTOREResponse(presentationId, request, status);
}

OFCondition ScpAssociation::handleStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationId) {
    if (!allowed(Operation::Store)) {
        qCWarning(lcNet).noquote() << m_peer.describe() << "may not store to us: C-STORE refused";
        return refuseStore(request, presentationId, STATUS_STORE_Refused_NotAuthorized);
    }
    // Refused before it is written rather than failing half-way on a full disk: the sender
    // keeps the instance queued and tries again later.
    if (Status room = m_context.services.roomToReceive(); !room.ok()) {
        qCWarning(lcNet).noquote() << "C-STORE from" << m_peer.describe() << "refused:" << room.error();
        return refuseStore(request, presentationId, STATUS_STORE_Refused_OutOfResources);
    }
    // Written to disk as it arrives, not parsed by DCMTK: the archive checks it (nesting
    // depth, sizes) before anything parses it in full, and links that file into place.
    const QString file = m_context.services.newReceivingFile();
    const OFCondition cond = receiveSTORERequest(request, presentationId, OFString(QFile::encodeName(file).constData()));
    if (cond.bad()) {
        QFile::remove(file);
        return cond;
    }
    Uint16 status = STATUS_STORE_Success;
    auto result = m_context.services.storeReceivedFile(file, m_peer);
    if (!result.ok()) {
        // A store that fails here is reported to the sender, which keeps the instance queued.
        // Content we cannot take will not become acceptable by sending it again.
        status = result.refused() ? STATUS_STORE_Error_CannotUnderstand : STATUS_STORE_Refused_OutOfResources;
        qCWarning(lcNet).noquote() << "C-STORE from" << m_peer.describe() << "not archived:" << result.error();
    }
    if (m_context.observer)
        m_context.observer->instanceReceived(m_peer, QString::fromLatin1(request.AffectedSOPInstanceUID), result.ok());
    return sendSTOREResponse(presentationId, request, status);
}

OFCondition ScpAssociation::handleFind(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presentationId) {
    DcmDataset* dataset = nullptr;
    OFCondition cond = receiveFINDRequest(request, presentationId, dataset);
    std::unique_ptr<DcmDataset> query(dataset);
    if (cond.bad()) return cond;
    const OFString sopClass = request.AffectedSOPClassUID;
    if (!allowed(Operation::Find))
        return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, kRefusedNotAuthorized);
    if (!query || !hasLevel(*query))
        return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, STATUS_FIND_Error_DataSetDoesNotMatchSOPClass);
    auto matches = m_context.services.find(*query, m_peer);
    if (!matches.ok()) {
        qCWarning(lcNet).noquote() << "C-FIND from" << m_peer.describe() << "failed:" << matches.error();
        return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, STATUS_FIND_Failed_UnableToProcess);
    }
    for (const auto& match : matches.value()) {
        if (checkForCANCEL(presentationId, request.MessageID).good())
            return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest);
        cond = sendFINDResponse(presentationId, request.MessageID, sopClass, match.get(), STATUS_FIND_Pending_MatchesAreContinuing);
        if (cond.bad()) return cond;
    }
    return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, STATUS_FIND_Success);
}

OFCondition ScpAssociation::handleMove(T_DIMSE_C_MoveRQ& request, T_ASC_PresentationContextID presentationId) {
    DcmDataset* dataset = nullptr;
    OFString destinationAe;
    OFCondition cond = receiveMOVERequest(request, presentationId, dataset, destinationAe);
    std::unique_ptr<DcmDataset> identifier(dataset);
    if (cond.bad()) return cond;
    const OFString sopClass = request.AffectedSOPClassUID;
    auto respond = [&](Uint16 status, const RetrieveSummary& counts, int remaining) {
        return sendMOVEResponse(presentationId, request.MessageID, sopClass, nullptr, status, nullptr,
                                static_cast<Uint16>(remaining), static_cast<Uint16>(counts.completed),
                                static_cast<Uint16>(counts.failed), static_cast<Uint16>(counts.warning));
    };
    if (!allowed(Operation::Move)) return respond(STATUS_MOVE_Refused_NotAuthorized, {}, 0);
    const std::optional<Node> destination = m_context.book.findByAeTitle(text(destinationAe));
    if (!destination) {
        qCWarning(lcNet).noquote() << "C-MOVE from" << m_peer.describe() << ": destination" << text(destinationAe)
                                   << "is not in our address book";
        return respond(STATUS_MOVE_Refused_MoveDestinationUnknown, {}, 0);
    }
    auto files = identifier && hasLevel(*identifier) ? m_context.services.filesToRetrieve(*identifier, m_peer)
                                                     : Result<QStringList>(failure(QStringLiteral("no query level")));
    if (!files.ok()) return respond(STATUS_MOVE_Failed_UnableToProcess, {}, 0);
    std::vector<InstanceRef> instances;
    RetrieveSummary counts;
    for (const QString& file : files.value()) {
        auto ref = readInstanceRef(file);
        if (ref.ok()) instances.push_back(ref.value());
        else ++counts.failed;
    }
    auto client = instances.empty() ? Result<std::unique_ptr<DicomClient>>(failure(QString()))
                                    : DicomClient::connect(m_context.book, *destination, DicomClient::Purpose::Storage,
                                                           instances, m_context.settings.aeTitle);
    if (!instances.empty() && !client.ok()) {
        qCWarning(lcNet).noquote() << "C-MOVE to" << destination->name << "failed:" << client.error();
        counts.failed += static_cast<int>(instances.size());
        return respond(STATUS_MOVE_Refused_OutOfResourcesSubOperations, counts, 0);
    }
    int remaining = static_cast<int>(instances.size());
    for (const InstanceRef& instance : instances) {
        auto status = client.value()->store(instance, nullptr, m_peer.aeTitle, request.MessageID);
        --remaining;
        if (!status.ok() || !status->success()) ++counts.failed;
        else if (status->code != 0) ++counts.warning;
        else ++counts.completed;
        if (remaining > 0 && respond(STATUS_MOVE_Pending_SubOperationsAreContinuing, counts, remaining).bad()) break;
    }
    if (client.ok()) client.value()->release();
    return respond(counts.failed ? STATUS_MOVE_Warning_SubOperationsCompleteOneOrMoreFailures : STATUS_MOVE_Success, counts, 0);
}

OFCondition ScpAssociation::sendGetResponse(T_ASC_PresentationContextID presentationId, const T_DIMSE_C_GetRQ& request,
                                            quint16 status, int remaining, const RetrieveSummary& counts) {
    T_DIMSE_Message response{};
    response.CommandField = DIMSE_C_GET_RSP;
    T_DIMSE_C_GetRSP& r = response.msg.CGetRSP;
    r.MessageIDBeingRespondedTo = request.MessageID;
    OFStandard::strlcpy(r.AffectedSOPClassUID, request.AffectedSOPClassUID, sizeof r.AffectedSOPClassUID);
    r.DimseStatus = status;
    r.DataSetType = DIMSE_DATASET_NULL;
    r.NumberOfRemainingSubOperations = static_cast<DIC_US>(remaining);
    r.NumberOfCompletedSubOperations = static_cast<DIC_US>(counts.completed);
    r.NumberOfFailedSubOperations = static_cast<DIC_US>(counts.failed);
    r.NumberOfWarningSubOperations = static_cast<DIC_US>(counts.warning);
    r.opts = O_GET_AFFECTEDSOPCLASSUID | O_GET_NUMBEROFCOMPLETEDSUBOPERATIONS | O_GET_NUMBEROFFAILEDSUBOPERATIONS |
             O_GET_NUMBEROFWARNINGSUBOPERATIONS | (status == STATUS_GET_Pending_SubOperationsAreContinuing ? O_GET_NUMBEROFREMAININGSUBOPERATIONS : 0);
    return sendDIMSEMessage(presentationId, &response, nullptr);
}

Result<quint16> ScpAssociation::storeOnThisAssociation(const QString& file, quint16 messageId) {
    constexpr quint16 kFailedHere = 0xa702;  // sub-operation not possible (out of resources)
    DcmFileFormat instance;
    if (const OFCondition loaded = loadDicomFile(instance, file); loaded.bad()) {
        qCWarning(lcNet).noquote() << "C-GET from" << m_peer.describe() << ": cannot read" << file << ":" << loaded.text();
        return kFailedHere;
    }
    DcmDataset* dataset = instance.getDataset();
    OFString sopClass, sopInstance;
    dataset->findAndGetOFString(DCM_SOPClassUID, sopClass);
    dataset->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    const T_ASC_PresentationContextID id = ASC_findAcceptedPresentationContextID(m_association, sopClass.c_str());
    T_ASC_PresentationContext context;
    if (id == 0 || ASC_findAcceptedPresentationContext(m_association->params, id, &context).bad()) {
        qCWarning(lcNet).noquote() << "C-GET from" << m_peer.describe() << ": it accepts no storage of" << text(sopClass);
        return kFailedHere;
    }
    const DcmXfer accepted(context.acceptedTransferSyntax);
    if (dataset->getOriginalXfer() != accepted.getXfer() &&
        dataset->chooseRepresentation(accepted.getXfer(), nullptr).bad()) {
        qCWarning(lcNet).noquote() << "C-GET from" << m_peer.describe() << ": cannot convert" << file << "from"
                                   << DcmXfer(dataset->getOriginalXfer()).getXferName() << "to" << accepted.getXferName();
        return kFailedHere;
    }
    T_DIMSE_Message message{};
    message.CommandField = DIMSE_C_STORE_RQ;
    T_DIMSE_C_StoreRQ& store = message.msg.CStoreRQ;
    store.MessageID = messageId;
    OFStandard::strlcpy(store.AffectedSOPClassUID, sopClass.c_str(), sizeof store.AffectedSOPClassUID);
    OFStandard::strlcpy(store.AffectedSOPInstanceUID, sopInstance.c_str(), sizeof store.AffectedSOPInstanceUID);
    store.DataSetType = DIMSE_DATASET_PRESENT;
    store.Priority = DIMSE_PRIORITY_MEDIUM;
    OFCondition cond = sendDIMSEMessage(id, &message, dataset);
    if (cond.bad()) return failure(QString::fromLatin1(cond.text()));
    T_DIMSE_Message response{};
    T_ASC_PresentationContextID responseId = 0;
    DcmDataset* detail = nullptr;
    cond = receiveDIMSECommand(&responseId, &response, &detail);
    delete detail;
    if (cond.bad()) return failure(QString::fromLatin1(cond.text()));
    if (response.CommandField != DIMSE_C_STORE_RSP) return failure(QStringLiteral("unexpected answer to a C-STORE"));
    return static_cast<quint16>(response.msg.CStoreRSP.DimseStatus);
}

OFCondition ScpAssociation::handleGet(T_DIMSE_C_GetRQ& request, T_ASC_PresentationContextID presentationId) {
    DcmDataset* dataset = nullptr;
    T_ASC_PresentationContextID datasetId = presentationId;
    OFCondition cond = receiveDIMSEDataset(&datasetId, &dataset);
    std::unique_ptr<DcmDataset> identifier(dataset);
    if (cond.bad()) return cond;
    RetrieveSummary counts;
    if (!allowed(Operation::Get)) return sendGetResponse(presentationId, request, kRefusedNotAuthorized, 0, counts);
    auto files = identifier && hasLevel(*identifier) ? m_context.services.filesToRetrieve(*identifier, m_peer)
                                                     : Result<QStringList>(failure(QStringLiteral("no query level")));
    if (!files.ok()) return sendGetResponse(presentationId, request, STATUS_GET_Failed_UnableToProcess, 0, counts);
    int remaining = static_cast<int>(files->size());
    quint16 messageId = 1;
    for (const QString& file : files.value()) {
        auto status = storeOnThisAssociation(file, messageId++);
        if (!status.ok()) return DIMSE_READPDVFAILED;  // the association broke: nothing more to say on it
        --remaining;
        if ((status.value() & 0xf000) == 0xb000) ++counts.warning;
        else if (status.value() != 0) {
            ++counts.failed;
            qCWarning(lcNet).noquote() << "C-GET from" << m_peer.describe() << ":" << file << "was not stored, status"
                                       << QStringLiteral("0x%1").arg(status.value(), 4, 16, QLatin1Char('0'));
        }
        else ++counts.completed;
        if (remaining > 0) {
            cond = sendGetResponse(presentationId, request, STATUS_GET_Pending_SubOperationsAreContinuing, remaining, counts);
            if (cond.bad()) return cond;
        }
    }
    const quint16 final = counts.failed ? STATUS_GET_Warning_SubOperationsCompleteOneOrMoreFailures : STATUS_GET_Success;
    return sendGetResponse(presentationId, request, final, 0, counts);
}

QString Peer::describe() const {
    QString text = QStringLiteral("%1@%2").arg(aeTitle, host);
    if (!certificateSubject.isEmpty()) text += QStringLiteral(" [%1]").arg(certificateSubject);
    return text;
}

}  // namespace telerad
