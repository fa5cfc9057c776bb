#include "InactivityLock.h"

#include "LoginDialog.h"
#include "security/AuditTrail.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWidget>
#include <QtConcurrent>

namespace telerad {

InactivityLock::InactivityLock(QWidget* window, QString dataFolderRoot, QString user, std::chrono::milliseconds idle)
    : QObject(window), m_window(window), m_root(std::move(dataFolderRoot)), m_user(std::move(user)) {
    m_idle.setSingleShot(true);
    m_idle.setInterval(idle);
    connect(&m_idle, &QTimer::timeout, this, &InactivityLock::lock);
    if (idle.count() > 0) {
        qApp->installEventFilter(this);
        m_idle.start();
    }
}

std::chrono::minutes InactivityLock::configuredPeriod(const QString& dataFolderRoot) {
    constexpr std::chrono::minutes kDefault{15};
    QFile file(dataFolderRoot + QStringLiteral("/security.json"));
    if (!file.open(QIODevice::ReadOnly)) return kDefault;  // a small file read once at login
    const QJsonValue minutes = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("autoLockMinutes"));
    return minutes.isDouble() && minutes.toInt() >= 0 ? std::chrono::minutes(minutes.toInt()) : kDefault;
}

// Any key or mouse input restarts the count, wherever it goes in the application.
bool InactivityLock::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (!isLocked()) m_idle.start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void InactivityLock::lock() {
    if (isLocked()) return;
    m_idle.stop();
    (void)QtConcurrent::run([root = m_root] {  // not on the GUI thread
        (void)recordAudit(root, {QString(audit::kLogout), true, {}, {}, {}, QStringLiteral("workstation locked")});
    });
    m_window->hide();  // nothing of the patients' images stays on the screen
    m_unlock = new LoginDialog(m_root, m_user);
    m_unlock->setAttribute(Qt::WA_DeleteOnClose);
    m_unlock->setObjectName(QStringLiteral("unlockDialog"));
    connect(m_unlock, &QDialog::accepted, this, [this] {
        m_window->show();
        m_idle.start();
        emit lockedChanged(false);
    });
    connect(m_unlock, &QDialog::rejected, m_window, &QWidget::close);  // giving up the session ends it
    m_unlock->show();
    emit lockedChanged(true);
}

}  // namespace telerad
