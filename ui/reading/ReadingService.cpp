#include "ReadingService.h"

#include "network/NetworkService.h"

#include "common/AtomicFile.h"

#include <QDir>
#include <QtConcurrent>

namespace telerad {

ReadingService::ReadingService(QString dataFolderRoot, NetworkService* network, QObject* parent)
    : QObject(parent), m_root(std::move(dataFolderRoot)), m_network(network) {
    qRegisterMetaType<QList<telerad::RequestRecord>>();
    qRegisterMetaType<QList<telerad::ReportListing>>();
    qRegisterMetaType<telerad::RequestRecord>();
    m_pool.setMaxThreadCount(2);
}

ReadingService::~ReadingService() { m_pool.waitForDone(); }

// Opens the desk on a pool thread and runs `work` with it; a desk that cannot open is a
// failure in words, not a crash.
template <typename Work>
void ReadingService::onDesk(Work work) {
    (void)QtConcurrent::run(&m_pool, [this, work] {
        auto desk = ReadingDesk::open(m_root);
        if (!desk.ok()) return emit failed(desk.error());
        work(desk.value());
    });
}

void ReadingService::refresh() {
    onDesk([this](const ReadingDesk& desk) {
        if (auto worklist = desk.worklist(); worklist.ok()) emit worklistListed(QList<RequestRecord>(worklist->begin(), worklist->end()));
        else emit failed(worklist.error());
        if (auto sent = desk.requests(true); sent.ok()) emit requestsListed(QList<RequestRecord>(sent->begin(), sent->end()));
        else emit failed(sent.error());
        auto reports = desk.reports();
        if (!reports.ok()) return emit failed(reports.error());
        QList<ReportListing> listings;
        for (const ReportRecord& record : reports.value()) {
            ReportListing listing{record, {}, {}};
            const bool draft = record.state == QLatin1String("draft");
            if (auto info = desk.readReport(record.sopUid, draft ? nullptr : &listing.signature); info.ok()) listing.patientName = info->patientName;
            listings << listing;
        }
        emit reportsListed(listings);
    });
}

void ReadingService::requestRead(const QString& nodeName, const QString& studyUid, const ReadRequest& request) {
    onDesk([=, this](const ReadingDesk& desk) {
        auto job = desk.requestRead(nodeName, studyUid, request);
        if (!job.ok()) return emit failed(job.error());
        m_network->workQueued();
        emit done(tr("Read request queued for %1: see Transfers").arg(nodeName));
        refresh();
    });
}

void ReadingService::claim(const QString& studyUid, const QString& who) {
    onDesk([=, this](const ReadingDesk& desk) {
        auto claimed = desk.claim(studyUid, who);
        if (!claimed.ok()) return emit failed(claimed.error());
        m_network->workQueued();
        emit done(claimed.value());
        refresh();
    });
}

void ReadingService::finishReport(const QString& studyUid, const QString& templateName, const QString& text, const QString& author,
                                  bool critical, const QString& p12File, const QByteArray& passphrase, const QString& nodeName) {
    onDesk([=, this](const ReadingDesk& desk) {
        auto uid = desk.createReport(studyUid, templateName, text, author, critical);
        if (!uid.ok()) return emit failed(uid.error());
        if (p12File.isEmpty()) {
            emit reportFinished(uid.value(), false, tr("Draft saved (not signed)"));
            return refresh();
        }
        auto identity = loadSigningIdentityP12(p12File, passphrase);
        if (!identity.ok()) return emit failed(identity.error());
        auto signedReport = desk.signReport(uid.value(), identity.value());
        if (!signedReport.ok()) return emit failed(signedReport.error());
        auto job = desk.sendReport(uid.value(), nodeName);
        m_network->workQueued();
        emit reportFinished(uid.value(), true, job.ok() ? tr("Signed by %1 and queued for the requesting site").arg(identity->commonName)
                                                  : tr("Signed by %1; not sent: %2").arg(identity->commonName, job.error()));
        refresh();
    });
}

void ReadingService::acknowledge(const QString& reportUid, const QString& who) {
    onDesk([=, this](const ReadingDesk& desk) {
        auto node = desk.acknowledge(reportUid, who);
        if (!node.ok()) return emit failed(node.error());
        m_network->workQueued();
        emit done(tr("Critical finding acknowledged; %1 is told").arg(node.value()));
        refresh();
    });
}

QString signatureInWords(const SignatureCheck& check) {
    switch (check.state) {
    case SignatureState::Valid: return ReadingService::tr("valid (signed by %1, issued by %2)").arg(check.signer, check.issuer);
    case SignatureState::Invalid: return ReadingService::tr("invalid: %1").arg(check.detail);
    case SignatureState::Untrusted: return ReadingService::tr("untrusted: %1").arg(check.detail);
    case SignatureState::Unsigned: break;
    }
    return ReadingService::tr("unsigned");
}

void ReadingService::openReport(const QString& reportUid) {
    onDesk([=, this](const ReadingDesk& desk) {
        SignatureCheck check;
        auto info = desk.openReport(reportUid, &check);
        if (!info.ok()) return emit failed(info.error());
        const QString signature = signatureInWords(check);
        auto pdf = desk.reportPdfBytes(reportUid);
        QString pdfFile;
        if (pdf.ok()) {
            pdfFile = QDir::temp().filePath(QStringLiteral("telerad-report-%1.pdf").arg(reportUid));
            if (!writeFileAtomically(pdfFile, pdf.value()).ok()) pdfFile.clear();
        }
        emit reportOpened(reportUid, plainText(info->content), signature, pdfFile);
    });
}

void ReadingService::lookUpRequest(const QString& studyUid) {
    onDesk([=, this](const ReadingDesk& desk) {
        auto incoming = desk.requests(false);
        if (!incoming.ok()) return;
        for (const RequestRecord& r : incoming.value())
            if (r.studyUid == studyUid) return emit requestFound(studyUid, r);
    });
}

QStringList ReadingService::templateNamesFor(const QString& modality, const QString& language) {
    QStringList first, rest;
    for (const ReportTemplate& t : reportTemplates()) {
        const bool suggested = t.language == language && (t.modality == modality || t.modality.isEmpty());
        (suggested ? first : rest) << t.name;
    }
    return first + rest;
}

}  // namespace telerad
