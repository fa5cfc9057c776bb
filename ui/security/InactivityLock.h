#pragma once
// Locks the workstation after a period without keyboard or mouse input, as health-data
// hosting rules ask of a screen that shows patients' images: the window is hidden and only
// the signed-in user's password opens it again. The period is `autoLockMinutes` in
// security.json of the data folder (15 by default, 0 turns it off).

#include "LoginDialog.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class QWidget;

namespace telerad {



class InactivityLock : public QObject {
    Q_OBJECT
public:
    /// Watches the whole application's input; locks `window` when idle for `idle`.
    InactivityLock(QWidget* window, QString dataFolderRoot, QString user, std::chrono::milliseconds idle);

    /// The period in security.json of `dataFolderRoot` (15 minutes when absent or invalid).
    static std::chrono::minutes configuredPeriod(const QString& dataFolderRoot);

    bool isLocked() const { return !m_unlock.isNull(); }
    /// Locks now (File > Lock, and the timer).
    void lock();
    /// The unlock dialog while locked, else null.
    LoginDialog* unlockDialog() const { return m_unlock; }

signals:
    void lockedChanged(bool locked);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_window;
    QString m_root, m_user;
    QTimer m_idle;
    QPointer<LoginDialog> m_unlock;
};

}  // namespace telerad
