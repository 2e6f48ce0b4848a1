#include "auth/EventAudience.h"

#include "events/Events.h"

namespace tickets::server {

namespace {
constexpr qsizetype kMaxRemembered = 50000;

QUuid uuidField(const events::Event &event, const QString &name)
{
    return QUuid::fromString(event.field(name).toString());
}
} // namespace

std::optional<QUuid> EventAudience::ownerOf(const QUuid &ticketId)
{
    if (const auto it = m_owners.constFind(ticketId); it != m_owners.cend())
        return *it;
    const auto owner = m_ownerOf(ticketId);
    if (owner) {
        if (m_owners.size() >= kMaxRemembered)
            m_owners.clear();
        m_owners.insert(ticketId, *owner);
    }
    return owner;
}

bool EventAudience::reaches(const Access &access, const QByteArray &payload)
{
    if (access.allows(Permission::SeeAllTickets) && access.allows(Permission::SeeInternalNotes))
        return true;
    const QUuid self = access.callerId();
    if (self.isNull())
        return false;
    const auto event = events::Event::fromJson(payload);
    if (!event)
        return false;
    const QString &name = event->evento;
    if (name == events::evento::usuarioCreado || name == events::evento::usuarioActualizado ||
        name == events::evento::notificacionCreada)
        return uuidField(*event, QStringLiteral("usuario_id")) == self;
    if (name == events::evento::interaccionCreada &&
        event->field(QStringLiteral("tipo")).toString() == wireName(TipoInteraccion::NotaInterna))
        return false;
    if (name == events::evento::ticketCreado || name == events::evento::ticketActualizado ||
        name == events::evento::interaccionCreada) {
        const auto owner = ownerOf(uuidField(*event, QStringLiteral("ticket_id")));
        return owner && *owner == self;
    }
    return false; // an event this version does not know is for staff only
}

} // namespace tickets::server
