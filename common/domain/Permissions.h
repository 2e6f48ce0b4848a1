#pragma once
// What each role may do: the one table the server enforces and the desktop client follows to
// show a person only what they can use.

#include "wire/Enums.h"

namespace tickets {

enum class Permission {
    SeeAllTickets,    // otherwise only the tickets one opened
    SeeInternalNotes, // nota_interna: read and write
    ChangeEstado,
    ActOnBehalf, // write as another usuario_id (recorded as such)
    ReadUsers,
    ManageUsers,      // create, edit, deactivate, roles, anyone's password
    SeeHealthDetails, // /health figures beyond the contract's short shape, /debug/cors
    RecordEstado,     // post a cambio_estado interaction (a usuario posts comentarios only)
    EditTickets,      // PATCH /tickets/{id}: titulo, descripcion, prioridad, asignado_a
    UseCannedReplies, // respuestas: list one's own and the shared ones, write one's own
    SharePresence,    // say and see who is viewing or writing on a ticket (/ws/eventos, GET .../presencia)
};

constexpr bool isStaff(Rol rol)
{
    return rol == Rol::Soporte || rol == Rol::Admin;
}

constexpr bool rolePermits(Rol rol, Permission permission)
{
    switch (permission) {
    case Permission::SeeAllTickets:
    case Permission::SeeInternalNotes:
    case Permission::ChangeEstado:
    case Permission::ActOnBehalf:
    case Permission::RecordEstado:
    case Permission::EditTickets:
    case Permission::UseCannedReplies:
    case Permission::SharePresence:
    case Permission::ReadUsers: return isStaff(rol);
    case Permission::ManageUsers:
    case Permission::SeeHealthDetails: return rol == Rol::Admin;
    }
    return false;
}

// Who may own a ticket (asignado_a): active staff.
constexpr bool canBeAssigned(Rol rol, bool activo)
{
    return activo && isStaff(rol);
}

// Someone else's notifications (read or mark read): staff may for a usuario or soporte; an
// admin's, only another admin.
constexpr bool rolePermitsNotificationsOf(Rol caller, Rol owner)
{
    return isStaff(caller) && (owner != Rol::Admin || caller == Rol::Admin);
}

// A canned reply (respuestas) someone else may not know of: its author and an admin see it
// always, other staff only when it is shared.
constexpr bool rolePermitsSeeingReply(Rol caller, bool isAuthor, bool compartida)
{
    return isStaff(caller) && (isAuthor || compartida || caller == Rol::Admin);
}

// Changing or deleting a canned reply: its author, or an admin (shared or not).
constexpr bool rolePermitsEditingReply(Rol caller, bool isAuthor)
{
    return isStaff(caller) && (isAuthor || caller == Rol::Admin);
}

} // namespace tickets
