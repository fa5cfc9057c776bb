#pragma once
// The archive as seen by the DICOM service: received instances go in through the atomic
// store, C-FIND is answered from the index, C-MOVE/C-GET list the archived files.

#include "Archive.h"
#include "net/DicomServices.h"

namespace telerad {

class ArchiveServices : public DicomServices {
public:
    explicit ArchiveServices(Archive archive) : m_archive(std::move(archive)) {}

    Result<StoreResult> storeReceived(DcmDataset& dataset, const Peer& peer) override;
    Result<std::vector<std::unique_ptr<DcmDataset>>> find(const DcmDataset& query, const Peer& peer) override;
    Result<QStringList> filesToRetrieve(const DcmDataset& identifier, const Peer& peer) override;

    const Archive& archive() const { return m_archive; }

private:
    Archive m_archive;
};

}  // namespace telerad
