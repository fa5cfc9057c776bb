#pragma once
// The archive as seen by the DICOM service: received instances go in through the atomic
// store, C-FIND is answered from the index, C-MOVE/C-GET list the archived files.

#include "Archive.h"
#include "net/DicomClient.h"
#include "net/DicomServices.h"

#include <map>
#include <mutex>

namespace telerad {

class ArchiveServices : public DicomServices {
public:
    explicit ArchiveServices(Archive archive) : m_archive(std::move(archive)) {}

    Result<StoreResult> storeReceived(DcmDataset& dataset, const Peer& peer) override;
    QString newReceivingFile() override;
    Status roomToReceive() override { return m_archive.roomFor(0); }
    Result<StoreResult> storeReceivedFile(const QString& file, const Peer& peer) override;
    Result<std::vector<std::unique_ptr<DcmDataset>>> find(const DcmDataset& query, const Peer& peer) override;
    Result<QStringList> filesToRetrieve(const DcmDataset& identifier, const Peer& peer) override;
    /// Audits what the association brought: one record per study, with its counts.
    void associationEnded(const Peer& peer) override;
    void associationRefused(const Peer& peer, const QString& reason) override;

    const Archive& archive() const { return m_archive; }

    /// Called after each instance received is archived (or found already there), on the
    /// receiving thread: how the reading desk learns of requests, reports and notices.
    using ReceivedHook = std::function<void(DcmDataset&, const Peer&)>;
    void setReceivedHook(ReceivedHook hook) { m_onReceived = std::move(hook); }

private:
    // What each open association has stored so far, per study: audited when it ends, as
    // one record per study rather than one per instance.
    struct ReceivedStudy {
        QString patientId;
        int stored = 0, duplicates = 0;
    };
    struct ReceivedTally {
        std::mutex lock;
        std::map<qint64, std::map<QString, ReceivedStudy>> byAssociation;
    };
    void tallyReceived(const QString& patientId, const QString& studyUid, const Peer& peer, StoreOutcome outcome);

    Archive m_archive;
    ReceivedHook m_onReceived;
    std::shared_ptr<ReceivedTally> m_received = std::make_shared<ReceivedTally>();
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
