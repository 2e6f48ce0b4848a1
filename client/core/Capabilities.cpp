#include "core/Capabilities.h"

namespace tickets::client {

void Capabilities::setRol(std::optional<Rol> rol)
{
    if (rol == m_rol)
        return;
    m_rol = rol;
    Q_EMIT changed();
}

} // namespace tickets::client
