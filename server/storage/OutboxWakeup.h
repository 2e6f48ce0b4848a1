#pragma once
// How a committed write wakes its own process's outbox relay, instead of a NOTIFY per
// transaction (which takes a database-wide lock at commit). Any thread may call rowsCommitted();
// the relay hears one pending() per batch of commits, however many there were meanwhile, and
// calls takePending() when it starts a delivery pass.

#include <QObject>

#include <atomic>

namespace tickets::server {

class OutboxWakeup : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void rowsCommitted()
    {
        if (!m_pending.exchange(true))
            Q_EMIT pending();
    }
    // True when a commit happened since the last call.
    bool takePending() { return m_pending.exchange(false); }

Q_SIGNALS:
    void pending();

private:
    std::atomic<bool> m_pending{false};
};

} // namespace tickets::server
