#pragma once
// tickets-worker's loop: take a task, do it, complete or fail it; beat; stop between tasks.

#include "config/Config.h"

#include <QByteArray>

#include <atomic>

namespace tickets::server {

class BatchWorker
{
public:
    BatchWorker(const Config &config, QByteArray workerId, int staleSeconds);

    // Runs until `stop` becomes true; the task in hand is always finished first.
    int run(const std::atomic<bool> &stop);

private:
    const Config &m_config;
    QByteArray m_workerId;
    int m_staleSeconds;
};

} // namespace tickets::server
