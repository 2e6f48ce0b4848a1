#include "protocol/Routes.h"

#include <QUrl>

namespace tickets::protocol::route {

QStringList all()
{
    QStringList list;
    for (const char *pattern : {authLogin,
                                authLogout,
                                authMe,
                                authWsTicket,
                                usuarios,
                                usuario,
                                usuarioPassword,
                                tickets,
                                ticket,
                                ticketResumen,
                                ticketEstado,
                                ticketInteracciones,
                                ticketHistorial,
                                ticketPresencia,
                                interacciones,
                                notificaciones,
                                notificacionLeida,
                                respuestas,
                                respuesta,
                                eventos,
                                eventosStream,
                                eventosWebSocket,
                                health,
                                healthReady,
                                debugCors,
                                testCors,
                                openApi,
                                docs,
                                redoc})
        list << QString::fromLatin1(pattern);
    return list;
}

QString fill(const char *pattern, const QStringList &values)
{
    const QStringList segments = QString::fromLatin1(pattern).split(u'/');
    QStringList filled;
    qsizetype next = 0;
    for (const QString &segment : segments) {
        if (segment.startsWith(u'{') && segment.endsWith(u'}'))
            filled << QString::fromLatin1(QUrl::toPercentEncoding(values.value(next++)));
        else
            filled << segment;
    }
    return filled.join(u'/');
}

} // namespace tickets::protocol::route
