#pragma once
// Names of users by id, for the columns and the timeline ("Ana" rather than a UUID). Filled
// from GET /usuarios when the role may read users, otherwise with the caller alone.

#include "core/ApiClient.h"

#include <QHash>
#include <QObject>

namespace tickets::client {

class UsuarioDirectory : public QObject
{
    Q_OBJECT
public:
    explicit UsuarioDirectory(ApiClient &api, QObject *parent = nullptr) : QObject(parent), m_api(api) {}

    void load();          // every user (up to 1000), when allowed
    void add(const Usuario &usuario);
    QString nameOf(const QUuid &id) const;
    QList<Usuario> all() const { return m_usuarios.values(); }

Q_SIGNALS:
    void changed();

private:
    ApiClient &m_api;
    QHash<QUuid, Usuario> m_usuarios;
};

} // namespace tickets::client
