#pragma once
// Keeps this instance's SessionMemo true: forgets what other instances say has ended (their
// messages on SessionMemo::kChannel) and the sessions of users that changed (usuario_actualizado
// on the events channel). Lives in the live thread, beside the hub.

#include "config/Config.h"

#include <QObject>

namespace tickets::server {

class SessionMemo;

class SessionMemoFeed : public QObject
{
    Q_OBJECT
public:
    SessionMemoFeed(const RedisSettings &redis, SessionMemo &memo, QObject *parent = nullptr);

public Q_SLOTS:
    void start();

private:
    const RedisSettings &m_redis;
    SessionMemo &m_memo;
};

} // namespace tickets::server
