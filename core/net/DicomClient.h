#pragma once
// Our side of an outgoing association (SCU): C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET on
// DCMTK's DcmSCU, with TLS from the node book. Errors name the peer and the operation;
// the transport result (did the association hold?) and the DIMSE status (did the peer do
// it?) are kept apart.

#include "DicomServices.h"
#include "NodeBook.h"
#include "common/Result.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

class DcmDataset;

namespace telerad {

/// What an instance needs to be proposed and sent: read from its file's meta header or
/// from the archive index.
struct InstanceRef {
    QString file, sopClassUid, sopInstanceUid, transferSyntaxUid;
};
Result<InstanceRef> readInstanceRef(const QString& file);

/// A dataset as bytes (explicit VR little endian, no meta header) and back: how a job keeps
/// its amendment.
QByteArray serializeDataset(DcmDataset& dataset);
Result<std::unique_ptr<DcmDataset>> parseDataset(const QByteArray& bytes);

/// Merges `amendment`'s top-level attributes into `dataset`, replacing those it has. Text in
/// the amendment is UTF-8: a dataset in another character set is converted to UTF-8 first.
Status amendDataset(DcmDataset& dataset, const DcmDataset& amendment);

/// The DIMSE status a peer answered with, and in words.
struct DimseStatus {
    quint16 code = 0;
    QString text;
    QString patientId{}, studyUid{};  ///< C-STORE: whose instance went, as read to send it (empty if unread)
    bool success() const { return code == 0 || (code & 0xf000) == 0xb000; }  ///< success or warning
};

enum class QueryLevel { Patient, Study, Series, Image };
QString queryLevelName(QueryLevel level);  ///< PATIENT, STUDY, SERIES, IMAGE
Result<QueryLevel> parseQueryLevel(const QString& text);  ///< patient|study|series|image

struct RetrieveSummary {
    int completed = 0, failed = 0, warning = 0;
    DimseStatus finalStatus;
};

/// Called for each instance a C-GET brings in; returns how it was archived.
using ReceivedInstanceHandler = std::function<Result<StoreResult>(DcmDataset&)>;

class DicomClient {
public:
    enum class Purpose { Verification, Storage, QueryRetrieve };

    /// Opens an association from our AE (`callingAe`, else the site's) to `peer`. For
    /// Storage, `instances` decides the presentation contexts proposed (lossless compression
    /// first when the node is low-bandwidth).
    static Result<std::unique_ptr<DicomClient>> connect(const NodeBook& book, const Node& peer, Purpose purpose,
                                                        const std::vector<InstanceRef>& instances = {},
                                                        const QString& callingAe = {});
    ~DicomClient();  ///< releases the association when still open

    Status echo();
    /// Fails only when the association broke (the instance's fate is then unknown);
    /// otherwise the peer's status, success or not. `amendment`'s attributes, when given,
    /// replace or add to the instance's as it is sent (see amendDataset).
    Result<DimseStatus> store(const InstanceRef& instance, const DcmDataset* amendment = nullptr,
                              const QString& moveOriginatorAe = {}, quint16 moveOriginatorMessageId = 0);
    Result<std::vector<std::unique_ptr<DcmDataset>>> find(QueryLevel level, DcmDataset& keys);
    Result<RetrieveSummary> move(QueryLevel level, DcmDataset& keys, const QString& destinationAe);
    Result<RetrieveSummary> get(QueryLevel level, DcmDataset& keys, const ReceivedInstanceHandler& onInstance);

    /// A graceful A-RELEASE.
    void release();
    QString peerName() const;

private:
    struct Private;
    explicit DicomClient(std::unique_ptr<Private> d);
    Result<std::vector<std::unique_ptr<DcmDataset>>> sendFind(QueryLevel level, DcmDataset& keys);
    std::unique_ptr<Private> d;
};

}  // namespace telerad
