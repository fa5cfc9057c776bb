#pragma once
// The reading desk for the GUI: every desk call runs on a worker thread and answers with a
// queued signal, so the GUI thread never waits on the disk, the network or OpenSSL. Jobs the
// desk queues (requests, reports, notices) are handed to the network service to send now.

#include "report/ReadingDesk.h"

#include <QObject>
#include <QThreadPool>

namespace telerad {

class NetworkService;

/// A report as the lists show it: the record and its signature, checked when listed.
struct ReportListing {
    ReportRecord record;
    SignatureCheck signature;
    QString patientName;
};

class ReadingService : public QObject {
    Q_OBJECT
public:
    ReadingService(QString dataFolderRoot, NetworkService* network, QObject* parent = nullptr);
    ~ReadingService() override;

    /// Lists the worklist, the requests sent and the reports (three signals).
    void refresh();
    void requestRead(const QString& nodeName, const QString& studyUid, const ReadRequest& request);
    void claim(const QString& studyUid, const QString& who);
    /// Writes the draft, and when `identity` is given signs it and sends it where the request
    /// said (or to `nodeName`): one step for the radiologist (reportFinished).
    void finishReport(const QString& studyUid, const QString& templateName, const QString& text, const QString& author,
                      bool critical, const QString& p12File, const QByteArray& passphrase, const QString& nodeName);
    void acknowledge(const QString& reportUid, const QString& who);
    /// The report's content and its PDF written to a temporary file (reportOpened).
    void openReport(const QString& reportUid);
    /// What an incoming request says about a study, for the report editor (requestFound).
    void lookUpRequest(const QString& studyUid);

    /// The templates a study's modality suggests first, then the others.
    static QStringList templateNamesFor(const QString& modality, const QString& language);

signals:
    void worklistListed(const QList<telerad::RequestRecord>& entries);
    void requestsListed(const QList<telerad::RequestRecord>& requests);
    void reportsListed(const QList<telerad::ReportListing>& reports);
    void requestFound(const QString& studyUid, const telerad::RequestRecord& request);
    void reportFinished(const QString& reportUid, bool isSigned, const QString& message);
    void reportOpened(const QString& reportUid, const QString& text, const QString& signature, const QString& pdfFile);
    void done(const QString& message);
    void failed(const QString& message);

private:
    template <typename Work>
    void onDesk(Work work);

    QString m_root;
    NetworkService* m_network;
    QThreadPool m_pool;
};

/// A report's signature check in the interface's language (SignatureCheck::describe() is
/// the fixed English of telerad-cli).
QString signatureInWords(const SignatureCheck& check);

}  // namespace telerad

Q_DECLARE_METATYPE(telerad::RequestRecord)
Q_DECLARE_METATYPE(telerad::ReportListing)
