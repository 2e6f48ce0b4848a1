#pragma once
// Names of users by id, for the columns and the timeline ("Ana" rather than a UUID). Filled
// from GET /usuarios when the role may read users (Capabilities), otherwise with the caller
// alone; refilled by itself on usuario_* events.

#include "core/ApiClient.h"

#include <QHash>
#include <QObject>

namespace tickets::client {

class Capabilities;
class LiveEvents;

class UsuarioDirectory : public QObject
{
    Q_OBJECT
public:
    // Without `capabilities` it always asks; without `live` it reloads only when told.
    explicit UsuarioDirectory(ApiClient &api, LiveEvents *live = nullptr, const Capabilities *capabilities = nullptr,
                              QObject *parent = nullptr);

    void load(); // every user (up to 1000), when the role may read users
    void add(const Usuario &usuario);
    void clear(); // nobody (the session ended); an answer on its way is dropped
    QString nameOf(const QUuid &id) const;
    QList<Usuario> all() const { return m_usuarios.values(); }
    void applyEvent(const events::Event &event); // what `live` delivers

Q_SIGNALS:
    void changed();

private:
    ApiClient &m_api;
    const Capabilities *m_capabilities;
    QHash<QUuid, Usuario> m_usuarios;
    quint64 m_generation = 0;
};

} // namespace tickets::client
