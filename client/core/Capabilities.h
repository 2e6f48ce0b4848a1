#pragma once
// What the signed-in person may do, answered in one place: the role table of
// common/domain/Permissions.h (the one the server enforces) applied to the current user.
// Session keeps it current through login, logout and an expired session; models and views ask
// it rather than reading roles or guessing from what is on screen, and follow `changed`.

#include "domain/Permissions.h"

#include <QObject>

#include <optional>

namespace tickets::client {

class Capabilities : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // False for everything while nobody is signed in.
    bool may(Permission permission) const { return m_rol && rolePermits(*m_rol, permission); }
    const std::optional<Rol> &rol() const { return m_rol; }

    // The role of whoever is signed in now (none: nobody). Emits changed when it differs.
    void setRol(std::optional<Rol> rol);

Q_SIGNALS:
    void changed();

private:
    std::optional<Rol> m_rol;
};

} // namespace tickets::client
