#pragma once
// Every path of the API, written once: the server registers these patterns and the desktop
// client fills them in, and tst_openapi checks all of them against /openapi.json. A pattern
// names its parameters in braces ({ticket_id}), exactly as the OpenAPI document does.

#include <QString>
#include <QStringList>

namespace tickets::protocol::route {

inline constexpr char authLogin[] = "/auth/login";
inline constexpr char authLogout[] = "/auth/logout";
inline constexpr char authMe[] = "/auth/me";
// A single-use ticket (30 s) for the live routes, for browsers, which cannot set headers there.
inline constexpr char authWsTicket[] = "/auth/ws-ticket";

inline constexpr char usuarios[] = "/usuarios";
inline constexpr char usuario[] = "/usuarios/{usuario_id}";
inline constexpr char usuarioPassword[] = "/usuarios/{usuario_id}/password";

inline constexpr char tickets[] = "/tickets";
inline constexpr char ticket[] = "/tickets/{ticket_id}";
inline constexpr char ticketResumen[] = "/tickets/resumen";
inline constexpr char ticketEstado[] = "/tickets/{ticket_id}/estado";
inline constexpr char ticketInteracciones[] = "/tickets/{ticket_id}/interacciones";
inline constexpr char ticketHistorial[] = "/tickets/{ticket_id}/historial";
// Who of the staff is viewing or writing on the ticket now (every instance).
inline constexpr char ticketPresencia[] = "/tickets/{ticket_id}/presencia";
inline constexpr char interacciones[] = "/interacciones";

inline constexpr char notificaciones[] = "/notificaciones";
inline constexpr char notificacionLeida[] = "/notificaciones/{notificacion_id}/leida";

// Canned replies for staff (issue 15).
inline constexpr char respuestas[] = "/respuestas";
inline constexpr char respuesta[] = "/respuestas/{respuesta_id}";

inline constexpr char eventos[] = "/eventos";
inline constexpr char eventosStream[] = "/eventos/stream";
inline constexpr char eventosWebSocket[] = "/ws/eventos";

inline constexpr char health[] = "/health";
inline constexpr char healthReady[] = "/health/ready";
inline constexpr char debugCors[] = "/debug/cors";
inline constexpr char testCors[] = "/test-cors";
inline constexpr char openApi[] = "/openapi.json";
inline constexpr char docs[] = "/docs";
inline constexpr char redoc[] = "/redoc";

// Every pattern above, for the checks against the OpenAPI document.
QStringList all();

// The pattern with its {parameters} replaced, in order, by `values` (percent-encoded).
QString fill(const char *pattern, const QStringList &values = {});

} // namespace tickets::protocol::route
