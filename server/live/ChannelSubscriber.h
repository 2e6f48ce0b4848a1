#pragma once
// A subscription to one Redis pub/sub channel that re-subscribes by itself; the transport is
// hiredis (RedisSubscriber) or Upstash's event stream (UpstashSubscriber), chosen at start-up.

#include "config/Config.h"

#include <QObject>

#include <memory>

namespace tickets::server {

class ChannelSubscriber : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start() = 0;

    static ChannelSubscriber *create(const RedisSettings &settings, const QByteArray &channel, QObject *parent);

Q_SIGNALS:
    void message(const QByteArray &payload);
};

} // namespace tickets::server
