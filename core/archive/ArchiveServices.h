#pragma once
// The archive as seen by the DICOM service: received instances go in through the atomic
// store, C-FIND is answered from the index, C-MOVE/C-GET list the archived files.

#include "Archive.h"
#include "net/DicomClient.h"
#include "net/DicomServices.h"

namespace telerad {

class ArchiveServices : public DicomServices {
public:
    explicit ArchiveServices(Archive archive) : m_archive(std::move(archive)) {}

    Result<StoreResult> storeReceived(DcmDataset& dataset, const Peer& peer) override;
    Result<std::vector<std::unique_ptr<DcmDataset>>> find(const DcmDataset& query, const Peer& peer) override;
    Result<QStringList> filesToRetrieve(const DcmDataset& identifier, const Peer& peer) override;

    const Archive& archive() const { return m_archive; }

    /// Called after each instance received is archived (or found already there), on the
    /// receiving thread: how the reading desk learns of requests, reports and notices.
    using ReceivedHook = std::function<void(DcmDataset&, const Peer&)>;
    void setReceivedHook(ReceivedHook hook) { m_onReceived = std::move(hook); }

private:
    Archive m_archive;
    ReceivedHook m_onReceived;
};

/// The archived instances of a study or a series (by its UID), in series and instance
/// order, ready for the transfer queue; fails in words when the archive has none.
Result<std::vector<InstanceRef>> archivedInstances(const Archive& archive, const QString& studyOrSeriesUid);

/// Retrieves a study from `peer` into the archive behind `services`: C-GET over our own
/// association (works behind NAT), or C-MOVE to our AE title (the peer must reach us).
Result<RetrieveSummary> retrieveStudy(const NodeBook& book, const Node& peer, const QString& studyUid, RetrieveMethod method,
                                      ArchiveServices& services,
                                      const std::function<void(const QString&)>& onInstanceError = {});

}  // namespace telerad
