#include "auth/Access.h"

#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"

namespace tickets::server {

Access Access::open(std::optional<Usuario> caller, QByteArray tokenHash)
{
    Access access;
    access.m_open = true;
    access.m_caller = std::move(caller);
    access.m_tokenHash = std::move(tokenHash);
    return access;
}

Access Access::anonymous()
{
    return Access();
}

Access Access::of(Usuario caller, QByteArray tokenHash)
{
    Access access;
    access.m_caller = std::move(caller);
    access.m_tokenHash = std::move(tokenHash);
    return access;
}

bool Access::allows(Permission permission) const
{
    return m_open || (m_caller && rolePermits(m_caller->rol, permission));
}

void Access::require(Permission permission, const QString &detail) const
{
    if (!allows(permission))
        throw protocol::Error::forbidden(detail);
}

void Access::requireCredentialsAllowed() const
{
    if (m_open)
        throw protocol::Error::forbidden(protocol::msg::credencialesModoAbierto);
}

std::optional<QUuid> Access::ticketOwnerScope() const
{
    if (allows(Permission::SeeAllTickets))
        return std::nullopt;
    return callerId(); // null for anonymous: matches nobody's tickets
}

bool Access::canSeeTicketOf(const QUuid &owner) const
{
    const auto scope = ticketOwnerScope();
    return !scope || *scope == owner;
}

bool Access::canSeeUsuario(const QUuid &id) const
{
    return allows(Permission::ReadUsers) || (m_caller && m_caller->id == id);
}

bool Access::canSeeNotificationsOf(const QUuid &owner, std::optional<Rol> ownerRol) const
{
    if (m_open || (m_caller && m_caller->id == owner))
        return true;
    return m_caller && rolePermitsNotificationsOf(m_caller->rol, ownerRol.value_or(Rol::Usuario));
}

std::optional<QUuid> Access::respuestaAuthorScope() const
{
    if (m_open)
        return std::nullopt;
    return callerId(); // null for anonymous: nobody's private replies
}

bool Access::canSeeRespuestaOf(const QUuid &autor, bool compartida) const
{
    if (m_open)
        return true;
    return m_caller && rolePermitsSeeingReply(m_caller->rol, !autor.isNull() && autor == m_caller->id, compartida);
}

bool Access::canEditRespuestaOf(const QUuid &autor) const
{
    if (m_open)
        return true;
    return m_caller && rolePermitsEditingReply(m_caller->rol, !autor.isNull() && autor == m_caller->id);
}

std::optional<QUuid> Access::actingUser(const std::optional<QUuid> &given, QUuid *recordedBy) const
{
    if (!m_caller)
        return given; // open contract: whatever the client says
    if (!given || given->isNull() || *given == m_caller->id)
        return m_caller->id;
    require(Permission::ActOnBehalf, protocol::msg::actuarEnNombreDeOtro);
    if (recordedBy)
        *recordedBy = m_caller->id;
    return given;
}

} // namespace tickets::server
