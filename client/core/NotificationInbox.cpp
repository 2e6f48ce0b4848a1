#include "core/NotificationInbox.h"

#include "core/LiveEvents.h"

namespace tickets::client {

NotificationInbox::NotificationInbox(ApiClient &api, LiveEvents *live, QObject *parent) : QObject(parent), m_api(api)
{
    if (live)
        connect(live, &LiveEvents::eventReceived, this, &NotificationInbox::applyEvent);
}

void NotificationInbox::setUsuario(const QUuid &usuarioId)
{
    m_usuarioId = usuarioId;
    m_unread = 0;
    Q_EMIT unreadChanged(0);
    if (!usuarioId.isNull())
        load(false);
}

void NotificationInbox::applyEvent(const events::Event &event)
{
    if (event.evento != events::evento::notificacionCreada || m_usuarioId.isNull())
        return;
    if (QUuid::fromString(event.field(QStringLiteral("usuario_id")).toString()) == m_usuarioId)
        load(true);
}

void NotificationInbox::load(bool announceNewest)
{
    m_api.notificaciones(m_usuarioId, true, this, [this, announceNewest](Result<protocol::Page<Notificacion>> result) {
        if (!result.ok())
            return;
        m_unread = static_cast<int>(result.value->total);
        Q_EMIT unreadChanged(m_unread);
        // The newest unread one is the one just announced.
        if (announceNewest && !result.value->items.isEmpty())
            Q_EMIT arrived(result.value->items.first());
    });
}

} // namespace tickets::client
