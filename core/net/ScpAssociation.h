#pragma once
// One incoming association, served on its own worker thread of the DicomServer's pool:
// access control at association time, then the DIMSE commands (ECHO, STORE, FIND, MOVE, GET).
// Internal to core/net.

#include "DicomServices.h"
#include "NodeBook.h"
#include "DicomClient.h"
#include "DicomServer.h"

#include <dcmtk/dcmnet/scppool.h>
#include <dcmtk/dcmnet/scpthrd.h>

#include <optional>

namespace telerad {

/// Everything the workers share; lives as long as the server.
struct ScpContext {
    NodeBook book;
    ServerSettings settings;
    DicomServices& services;
    DicomServerObserver* observer;
};

class ScpAssociation : public DcmBaseSCPPool::DcmBaseSCPWorker, private DcmThreadSCP {
public:
    ScpAssociation(DcmBaseSCPPool& pool, const ScpContext& context);

    OFCondition setSharedConfig(const DcmSharedSCPConfig& config) override;
    OFBool busy() override;

protected:
    OFCondition workerListen(T_ASC_Association* const assoc) override;
    OFBool checkCalledAETitleAccepted(const OFString& calledAE) override;
    OFBool checkCallingAETitleAccepted(const OFString& callingAE) override;
    void notifyAssociationAcknowledge() override;
    void notifyAssociationTermination() override;
    OFCondition negotiateAssociation() override;
    OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) override;

private:
    /// Empty when `callingAe` may associate; else why not.
    QString refusalReason(const QString& callingAe) const;
    void reportRefusal(const QString& reason);
    bool allowed(Operation operation) const;

    OFCondition handleStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationId);
    OFCondition refuseStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationId, Uint16 status);
    OFCondition handleFind(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presentationId);
    OFCondition handleMove(T_DIMSE_C_MoveRQ& request, T_ASC_PresentationContextID presentationId);
    OFCondition handleGet(T_DIMSE_C_GetRQ& request, T_ASC_PresentationContextID presentationId);
    /// One C-STORE sub-operation of a C-GET, on this association; the peer's status.
    Result<quint16> storeOnThisAssociation(const QString& file, quint16 messageId);
    OFCondition sendGetResponse(T_ASC_PresentationContextID presentationId, const T_DIMSE_C_GetRQ& request,
                                quint16 status, int remaining, const RetrieveSummary& counts);

    const ScpContext& m_context;
    T_ASC_Association* m_association = nullptr;  ///< the live association, for C-GET sub-operations
    Peer m_peer;
    QByteArray m_peerCertificate;  ///< DER, empty without TLS
    std::optional<Node> m_node;    ///< the address-book entry of the calling AE, once accepted
};

}  // namespace telerad
