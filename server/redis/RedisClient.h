#pragma once
// One thread's synchronous Redis client. The server, the relay and the worker speak to Redis
// only through this interface; the transport (hiredis today, Upstash REST where configured)
// is chosen once at start-up.

#include "config/Config.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <stdexcept>

namespace tickets::server {

struct RedisReply
{
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    QByteArray string; // Status, Error and String
    qint64 integer = 0;
    QList<RedisReply> elements;

    bool isNil() const { return type == Type::Nil; }
    bool isError() const { return type == Type::Error; }
};

// Redis could not be reached or did not answer in time; callers degrade (skip the cache,
// leave the outbox row pending) instead of failing the request.
class RedisUnavailable : public std::runtime_error
{
public:
    explicit RedisUnavailable(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

class RedisClient
{
public:
    virtual ~RedisClient() = default;

    // Sends one command; throws RedisUnavailable. An error reply is returned, not thrown.
    virtual RedisReply command(const QList<QByteArray> &arguments) = 0;

    // Sends every command before reading any reply: one round trip for all of them. Returns the
    // replies in order; fewer than the commands when Redis went away meanwhile (those without a
    // reply may or may not have run). Throws RedisUnavailable when no reply came back.
    virtual QList<RedisReply> pipeline(const QList<QList<QByteArray>> &commands);

    // PING with its round trip, for /health.
    bool ping(double *milliseconds, QString *error);

    static std::unique_ptr<RedisClient> create(const RedisSettings &settings, int timeoutMs = 500);
};

} // namespace tickets::server
