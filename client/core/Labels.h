#pragma once
// The words the interface shows for the wire's enums, and the short date of lists: one place,
// so the table, the filters, the detail, the dialogs and the timeline all say the same.

#include "wire/Enums.h"

#include <QDateTime>
#include <QString>

namespace tickets::client {

// The Spanish label (translated) of a state, a priority, a kind of interaction or a role.
QString estadoLabel(Estado estado);
QString prioridadLabel(Prioridad prioridad);
QString tipoLabel(TipoInteraccion tipo);
QString rolLabel(Rol rol);
// A date and time as lists show it: local time, to the minute.
QString fechaCorta(const QDateTime &utc);

} // namespace tickets::client
