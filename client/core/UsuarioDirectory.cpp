#include "core/UsuarioDirectory.h"

#include "core/Capabilities.h"
#include "core/LiveEvents.h"

namespace tickets::client {

UsuarioDirectory::UsuarioDirectory(ApiClient &api, LiveEvents *live, const Capabilities *capabilities, QObject *parent)
    : QObject(parent), m_api(api), m_capabilities(capabilities)
{
    if (live)
        connect(live, &LiveEvents::eventReceived, this, &UsuarioDirectory::applyEvent);
}

void UsuarioDirectory::applyEvent(const events::Event &event)
{
    if (event.evento == events::evento::usuarioCreado || event.evento == events::evento::usuarioActualizado)
        load();
}

void UsuarioDirectory::load()
{
    if (m_capabilities && !m_capabilities->may(Permission::ReadUsers))
        return; // a role that cannot read users keeps only itself
    m_api.usuarios(std::nullopt, 0, 1000, this,
                   [this, generation = m_generation](Result<protocol::Page<Usuario>> result) {
                       if (!result.ok() || generation != m_generation)
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

void UsuarioDirectory::clear()
{
    ++m_generation;
    m_usuarios.clear();
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
