#pragma once
// Who is asking and what they may do, for one request or one live client. Controllers ask it
// instead of looking at roles themselves; the role table is tickets::rolePermits (common/).

#include "domain/Permissions.h"
#include "domain/Usuario.h"

#include <QByteArray>

#include <optional>

namespace tickets::server {

class Access
{
public:
    // AUTH_REQUIRED=false: the original contract, everything allowed. A valid token still
    // names the caller (for /auth/me and a default acting user).
    static Access open(std::optional<Usuario> caller = std::nullopt, QByteArray tokenHash = {});
    // A public route asked without a valid token.
    static Access anonymous();
    static Access of(Usuario caller, QByteArray tokenHash);

    bool isOpen() const { return m_open; }
    const std::optional<Usuario> &caller() const { return m_caller; }
    QUuid callerId() const { return m_caller ? m_caller->id : QUuid(); }
    const QByteArray &tokenHash() const { return m_tokenHash; }

    bool allows(Permission permission) const;
    // Throws a Forbidden protocol::Error with `detail` when not allowed.
    void require(Permission permission, const QString &detail) const;
    // Logging in, setting or changing a password: refused (403) in open mode, where anyone may
    // act as anyone, so a credential made then would prove nothing once AUTH_REQUIRED=true.
    void requireCredentialsAllowed() const;

    // The only owner whose tickets the caller may see, or nothing when they may see them all.
    std::optional<QUuid> ticketOwnerScope() const;
    bool canSeeTicketOf(const QUuid &owner) const;
    bool canSeeUsuario(const QUuid &id) const;
    // The notifications of `owner` (whose role is `ownerRol`, unknown for nobody).
    bool canSeeNotificationsOf(const QUuid &owner, std::optional<Rol> ownerRol) const;

    // Canned replies (the role table: UseCannedReplies, rolePermitsSeeingReply/EditingReply).
    // The author whose private replies a list shows besides the shared ones, or nothing for
    // every reply (open access: anyone may act as anyone, so no reply is private there).
    std::optional<QUuid> respuestaAuthorScope() const;
    // A reply by `autor` (null: written in open mode without a token).
    bool canSeeRespuestaOf(const QUuid &autor, bool compartida) const;
    bool canEditRespuestaOf(const QUuid &autor) const;

    // The user a write is recorded for: `given` (or the caller when absent). Another user than
    // the caller needs ActOnBehalf (403 otherwise); then `onBehalfOf` gets the caller's id.
    // Open access without a caller takes `given` as it is.
    std::optional<QUuid> actingUser(const std::optional<QUuid> &given, QUuid *recordedBy) const;

private:
    bool m_open = false;
    std::optional<Usuario> m_caller;
    QByteArray m_tokenHash;
};

} // namespace tickets::server
