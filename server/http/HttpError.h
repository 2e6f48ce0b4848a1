#pragma once
// Errors as values with a status and a FastAPI-shaped body; every message the API speaks lives here.

#include "validation/FieldError.h"

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonValue>
#include <QList>
#include <QPair>

#include <exception>

namespace tickets::server {

namespace detail {
inline const QString usuarioNoEncontrado = QStringLiteral("Usuario no encontrado");
inline const QString ticketNoEncontrado = QStringLiteral("Ticket no encontrado");
inline const QString notificacionNoEncontrada = QStringLiteral("Notificación no encontrada");
inline const QString emailRegistrado = QStringLiteral("El email ya está registrado");
inline const QString baseDeDatosNoDisponible = QStringLiteral("Base de datos no disponible");
inline const QString notFound = QStringLiteral("Not Found");
inline const QString methodNotAllowed = QStringLiteral("Method Not Allowed");
inline const QString bodyTooLarge = QStringLiteral("El cuerpo de la petición supera el límite de %1 bytes");
inline const QString headersTooLarge = QStringLiteral("Las cabeceras de la petición son demasiado grandes");
inline const QString requestTimeout = QStringLiteral("La petición tardó demasiado en llegar");
inline const QString badRequest = QStringLiteral("Petición HTTP mal formada");
inline const QString internalError = QStringLiteral("Internal Server Error");
inline const QString upgradeRequired = QStringLiteral("Se necesita una conexión WebSocket (Upgrade: websocket)");
inline const QString datoNoValido = QStringLiteral("Dato no válido para la base de datos");
inline const QString notAuthenticated = QStringLiteral("Not authenticated");
inline const QString credencialesIncorrectas = QStringLiteral("Email o contraseña incorrectos");
inline const QString demasiadosIntentos =
    QStringLiteral("Demasiados intentos fallidos. Vuelva a intentarlo dentro de %1 segundos");
inline const QString passwordActualIncorrecta = QStringLiteral("La contraseña actual no es correcta");
inline const QString passwordActualRequerida = QStringLiteral("Indique su contraseña actual (password_actual)");
inline const QString sinPermisoUsuarios = QStringLiteral("No tiene permiso para ver usuarios");
inline const QString sinPermisoGestionUsuarios = QStringLiteral("Solo un administrador puede gestionar usuarios");
inline const QString sinPermisoEstado = QStringLiteral("Solo el personal de soporte puede cambiar el estado de un ticket");
inline const QString sinPermisoNotaInterna = QStringLiteral("Solo el personal de soporte puede escribir notas internas");
inline const QString actuarEnNombreDeOtro =
    QStringLiteral("Solo el personal de soporte puede actuar en nombre de otro usuario");
inline const QString sinPermisoAdmin = QStringLiteral("Solo un administrador puede ver esto");
inline const QString sinPermisoNotificaciones = QStringLiteral("Solo puede ver sus propias notificaciones");
inline const QString corsOrigin = QStringLiteral("Disallowed CORS origin");
inline const QString corsMethod = QStringLiteral("Disallowed CORS method");
} // namespace detail

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

class HttpError : public std::exception
{
public:
    HttpError(int status, QJsonValue detail, HeaderList headers = {})
        : m_status(status), m_detail(std::move(detail)), m_headers(std::move(headers))
    {
    }

    static HttpError notFound(const QString &detail) { return HttpError(404, detail); }
    static HttpError badRequest(const QString &detail) { return HttpError(400, detail); }
    static HttpError forbidden(const QString &detail) { return HttpError(403, detail); }
    // 401 with the challenge RFC 6750 asks for; the same answer for a missing, bad or expired token.
    static HttpError unauthenticated(const QString &detail = detail::notAuthenticated)
    {
        return HttpError(401, detail, {{QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")}});
    }
    static HttpError validation(const FieldErrors &errors) { return HttpError(422, toDetail(errors)); }
    static HttpError unavailable() { return HttpError(503, detail::baseDeDatosNoDisponible); }

    int status() const { return m_status; }
    const QJsonValue &detail() const { return m_detail; }
    QHttpServerResponse toResponse() const;
    const char *what() const noexcept override { return "HttpError"; }

private:
    int m_status;
    QJsonValue m_detail;
    HeaderList m_headers;
};

// {"detail": ...} with the given status.
QHttpServerResponse errorResponse(int status, const QJsonValue &detail);
QHttpServerResponse jsonResponse(const QJsonValue &body, int status = 200);
QHttpServerResponse jsonResponse(const QByteArray &json, int status = 200);
QByteArray reasonPhrase(int status);

} // namespace tickets::server
