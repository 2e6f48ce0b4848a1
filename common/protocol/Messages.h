#pragma once
// Every message the API speaks, in one place: the `detail` texts of its errors (Spanish where
// the contract is Spanish, FastAPI's English where the original answered in English).

#include <QString>

namespace tickets::protocol::msg {
inline const QString usuarioNoEncontrado = QStringLiteral("Usuario no encontrado");
inline const QString ticketNoEncontrado = QStringLiteral("Ticket no encontrado");
inline const QString notificacionNoEncontrada = QStringLiteral("Notificación no encontrada");
inline const QString respuestaNoEncontrada = QStringLiteral("Respuesta no encontrada");
inline const QString emailRegistrado = QStringLiteral("El email ya está registrado");
inline const QString baseDeDatosNoDisponible = QStringLiteral("Base de datos no disponible");
inline const QString servidorOcupado =
    QStringLiteral("El servidor tiene demasiadas escrituras en curso; vuelva a intentarlo en un momento");
inline const QString notFound = QStringLiteral("Not Found");
inline const QString methodNotAllowed = QStringLiteral("Method Not Allowed");
inline const QString bodyTooLarge = QStringLiteral("El cuerpo de la petición supera el límite de %1 bytes");
inline const QString headersTooLarge = QStringLiteral("Las cabeceras de la petición son demasiado grandes");
inline const QString requestTimeout = QStringLiteral("La petición tardó demasiado en llegar");
inline const QString badRequest = QStringLiteral("Petición HTTP mal formada");
inline const QString malformedHead = QStringLiteral("Petición HTTP mal formada: %1");
inline const QString webSocketHandshake = QStringLiteral("Petición WebSocket no válida: %1");
inline const QString tooManyPipelined = QStringLiteral("Demasiadas peticiones encadenadas sin leer las respuestas");
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
inline const QString sinPermisoEstado =
    QStringLiteral("Solo el personal de soporte puede cambiar el estado de un ticket");
inline const QString sinPermisoNotaInterna =
    QStringLiteral("Solo el personal de soporte puede escribir notas internas");
inline const QString actuarEnNombreDeOtro =
    QStringLiteral("Solo el personal de soporte puede actuar en nombre de otro usuario");
inline const QString sinPermisoAdmin = QStringLiteral("Solo un administrador puede ver esto");
inline const QString sinPermisoNotificaciones = QStringLiteral("Solo puede ver sus propias notificaciones");
inline const QString sinPermisoPresencia =
    QStringLiteral("Solo el personal de soporte puede ver quién atiende un ticket");
inline const QString presenciaNoDisponible = QStringLiteral("La presencia no está disponible (Redis)");
inline const QString credencialesModoAbierto =
    QStringLiteral("Con AUTH_REQUIRED=false la API no comprueba quién llama: no se pueden crear ni cambiar "
                   "contraseñas ni iniciar sesión. Active AUTH_REQUIRED=true para gestionar credenciales");
inline const QString verificadoresOcupados =
    QStringLiteral("Hay demasiados inicios de sesión en curso. Vuelva a intentarlo en un momento");
inline const QString sinPermisoCambioEstado =
    QStringLiteral("Solo el personal de soporte puede registrar cambios de estado; use tipo comentario");
inline const QString sinPermisoEditarTicket = QStringLiteral("Solo el personal de soporte puede editar tickets");
inline const QString ticketCambiado = QStringLiteral("El ticket ha cambiado desde que lo leíste");
inline const QString asignadoNoValido =
    QStringLiteral("Value error, el ticket solo puede asignarse a un usuario activo de soporte o admin");
inline const QString asignadoSinToken =
    QStringLiteral("Value error, asignado_a=yo necesita saber quién es usted (inicie sesión)");
inline const QString cursorDeOtroOrden =
    QStringLiteral("Value error, el cursor es de otro orden: use el mismo orden con el que se obtuvo");
inline const QString sinPermisoRespuestas =
    QStringLiteral("Solo el personal de soporte puede usar respuestas predefinidas");
inline const QString sinPermisoEditarRespuesta =
    QStringLiteral("Solo su autor o un administrador puede cambiar o borrar esta respuesta");
inline const QString corsOrigin = QStringLiteral("Disallowed CORS origin");
inline const QString corsMethod = QStringLiteral("Disallowed CORS method");
} // namespace tickets::protocol::msg
