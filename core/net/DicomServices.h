#pragma once
// What the DICOM service (SCP) asks of the rest of Telerad. The archive implements it
// (ArchiveServices); networking code never touches files or SQL itself.

#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class DcmDataset;

namespace telerad {

/// Who is on the other end of an association, for logs, errors and the audit trail.
struct Peer {
    QString aeTitle, host, certificateSubject;
    qint64 association = 0;  ///< numbers this process's associations; 0 for our own SCU work
    QString describe() const;
};

enum class StoreResult { Stored, Duplicate };

class DicomServices {
public:
    virtual ~DicomServices() = default;

    /// Archives an instance received from `peer`; an error in words when it is refused.
    virtual Result<StoreResult> storeReceived(DcmDataset& dataset, const Peer& peer) = 0;

    /// A new, unique path for the SCP to write a C-STORE's dataset to as it arrives, unparsed
    /// (a hostile dataset is then checked before anything parses it, and it is not copied).
    virtual QString newReceivingFile() = 0;
    /// Whether an instance may be received now (the archive's disk keeps its reserve free);
    /// why not, in words.
    virtual Status roomToReceive() = 0;
    /// Archives the Part 10 file written to a path from newReceivingFile(), and removes it.
    virtual Result<StoreResult> storeReceivedFile(const QString& file, const Peer& peer) = 0;

    /// C-FIND: one response identifier per match, holding the query's keys with their values.
    /// The level is the query's (0008,0052).
    virtual Result<std::vector<std::unique_ptr<DcmDataset>>> find(const DcmDataset& query, const Peer& peer) = 0;

    /// C-MOVE / C-GET: the archived files of every instance the identifier selects.
    virtual Result<QStringList> filesToRetrieve(const DcmDataset& identifier, const Peer& peer) = 0;

    /// The association with `peer` ended (after its last request), or was refused and why.
    virtual void associationEnded(const Peer& /*peer*/) {}
    virtual void associationRefused(const Peer& /*peer*/, const QString& /*reason*/) {}
};

/// Things a server reports while it runs (GUI monitor, audit). Called from worker threads.
class DicomServerObserver {
public:
    virtual ~DicomServerObserver() = default;
    virtual void associationAccepted(const Peer&) {}
    virtual void associationRefused(const Peer&, const QString& /*reason*/) {}
    virtual void associationEnded(const Peer&) {}
    virtual void instanceReceived(const Peer&, const QString& /*sopInstanceUid*/, bool /*stored*/) {}
};

}  // namespace telerad
