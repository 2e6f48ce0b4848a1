#include "UsuarioDirectory.h"

namespace tickets::client {

void UsuarioDirectory::load()
{
    m_api.usuarios(std::nullopt, 0, 1000, this, [this](Result<protocol::Page<Usuario>> result) {
        if (!result.ok())
            return; // a role that cannot read users keeps only itself
        for (const Usuario &usuario : std::as_const(result.value->items))
            m_usuarios.insert(usuario.id, usuario);
        Q_EMIT changed();
    });
}

void UsuarioDirectory::add(const Usuario &usuario)
{
    m_usuarios.insert(usuario.id, usuario);
    Q_EMIT changed();
}

QString UsuarioDirectory::nameOf(const QUuid &id) const
{
    if (id.isNull())
        return tr("Sistema");
    const auto it = m_usuarios.constFind(id);
    return it != m_usuarios.cend() ? it->nombre : idText(id).left(8);
}

} // namespace tickets::client
