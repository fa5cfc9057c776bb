#include "AuditViewerDialog.h"

#include "network/ListTable.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "common/AtomicFile.h"

namespace telerad {

namespace {

QStringList columnsOf(const AuditRecord& r) {
    return {QString::number(r.sequence), r.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), r.user, r.role, r.event.action,
            r.event.succeeded ? QObject::tr("success") : QObject::tr("FAILURE"), r.event.patientId, r.event.studyUid,
            r.event.peer, r.event.detail};
}

}  // namespace

AuditViewerDialog::AuditViewerDialog(QString dataFolderRoot, QWidget* parent) : QDialog(parent), m_root(std::move(dataFolderRoot)) {
    setWindowTitle(tr("Audit trail"));
    m_patient = new QLineEdit(this);
    m_patient->setPlaceholderText(tr("patient ID"));
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("user"));
    m_action = new QComboBox(this);
    m_action->addItem(tr("all actions"), QString());
    for (const QString& action : auditActionNames()) m_action->addItem(action, action);
    m_since = new QDateEdit(QDate::currentDate().addMonths(-1), this);
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    auto* filterButton = new QPushButton(tr("&Filter"), this);
    connect(filterButton, &QPushButton::clicked, this, &AuditViewerDialog::refresh);
    connect(m_patient, &QLineEdit::returnPressed, this, &AuditViewerDialog::refresh);
    connect(m_user, &QLineEdit::returnPressed, this, &AuditViewerDialog::refresh);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_patient);
    filters->addWidget(m_user);
    filters->addWidget(m_action);
    filters->addWidget(new QLabel(tr("since"), this));
    filters->addWidget(m_since);
    filters->addWidget(filterButton);

    m_table = makeListTable({tr("#"), tr("Time (UTC)"), tr("User"), tr("Role"), tr("Action"), tr("Outcome"), tr("Patient ID"),
                             tr("Study UID"), tr("Peer"), tr("Detail")}, this);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("auditState"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* exportButton = buttons->addButton(tr("&Export as DICOM audit messages..."), QDialogButtonBox::ActionRole);
    connect(exportButton, &QPushButton::clicked, this, &AuditViewerDialog::chooseExportFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table);
    layout->addWidget(m_state);
    layout->addWidget(buttons);
    resize(1100, 600);
    m_pool.setMaxThreadCount(1);
    refresh();
}

AuditViewerDialog::~AuditViewerDialog() { m_pool.waitForDone(); }

AuditFilter AuditViewerDialog::filter() const {
    return {m_patient->text().trimmed(), m_user->text().trimmed(), m_action->currentData().toString(),
            QDateTime(m_since->date(), QTime(0, 0), Qt::UTC), {}};
}

void AuditViewerDialog::refresh() {
    m_state->setText(tr("Reading the audit trail..."));
    const QString root = m_root;
    const AuditFilter wanted = filter();
    (void)QtConcurrent::run(&m_pool, [this, root, wanted] {
        QList<AuditRecord> records;
        QString chain;
        if (auto trail = AuditTrail::open(root); !trail.ok()) {
            chain = trail.error();
        } else {
            auto listed = trail->list(wanted);
            auto check = trail->verify();
            if (listed.ok()) records = listed.value();
            chain = !listed.ok() ? listed.error()
                    : !check.ok() ? check.error()
                    : check->intact ? tr("%n record(s) shown; the audit trail is intact (%1 records).", nullptr, int(records.size())).arg(check->records)
                                    : tr("THE AUDIT TRAIL IS BROKEN at record %1: %2").arg(check->brokenAt).arg(check->problem);
            (void)trail->record({QString(audit::kAuditUsed), listed.ok(), wanted.patientId, {}, {}, QStringLiteral("audit viewer")});
        }
        QMetaObject::invokeMethod(this, [this, records, chain] { showRecords(records, chain); }, Qt::QueuedConnection);
    });
}

void AuditViewerDialog::showRecords(const QList<AuditRecord>& records, const QString& chain) {
    m_records = records;
    m_table->setRowCount(0);
    m_table->setRowCount(int(records.size()));
    for (int row = 0; row < records.size(); ++row) {
        const QStringList columns = columnsOf(records[row]);
        for (int column = 0; column < columns.size(); ++column) {
            auto* item = new QTableWidgetItem(columns[column]);
            if (!records[row].event.succeeded) item->setForeground(QColor(0xc6, 0x28, 0x28));
            m_table->setItem(row, column, item);
        }
    }
    m_state->setText(chain);
    m_state->setStyleSheet(chain.startsWith(tr("THE AUDIT TRAIL IS BROKEN")) ? QStringLiteral("color: #c62828; font-weight: bold") : QString());
    emit listed(int(records.size()));
}

void AuditViewerDialog::chooseExportFile() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export the audit trail"), QString(), tr("XML files (*.xml)"));
    if (!file.isEmpty()) exportTo(file);
}

void AuditViewerDialog::exportTo(const QString& file) {
    const QList<AuditRecord> records = m_records;
    const QString root = m_root;
    (void)QtConcurrent::run(&m_pool, [this, records, root, file] {
        Status written = writeFileAtomically(file, auditMessagesXml(records, QSysInfo::machineHostName()), FileAccess::OwnerOnly);
        (void)recordAudit(root, {QString(audit::kAuditUsed), written.ok(), {}, {}, {}, QStringLiteral("audit export to %1").arg(file)});
        const QString message = written.ok() ? tr("Exported %n audit record(s) to %1", nullptr, int(records.size())).arg(file) : written.error();
        QMetaObject::invokeMethod(this, [this, message] {
            m_state->setText(message);
            emit exported(message);
        }, Qt::QueuedConnection);
    });
}

}  // namespace telerad
