#pragma once
// The REST API as one worker thread serves it: repositories over that thread's connections,
// the controllers, and the routing table they register.

#include "api/Router.h"
#include "auth/Authenticator.h"
#include "auth/EventAudience.h"
#include "controllers/AuthController.h"
#include "controllers/EventosController.h"
#include "controllers/HealthController.h"
#include "controllers/InteraccionesController.h"
#include "controllers/MetaController.h"
#include "controllers/NotificacionesController.h"
#include "controllers/PresenciaController.h"
#include "controllers/RespuestasController.h"
#include "controllers/TicketsController.h"
#include "controllers/UsuariosController.h"
#include "redis/PresenceStore.h"
#include "redis/ResponseCache.h"
#include "storage/InteraccionRepository.h"
#include "storage/NotificacionRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/RespuestaRepository.h"
#include "storage/SessionRepository.h"
#include "storage/TicketRepository.h"
#include "storage/UsuarioRepository.h"

namespace tickets::server {

struct ServerRuntime;

class Api
{
public:
    Api(Database &database, RedisClient &redis, ServerRuntime &runtime);
    const Router &router() const { return m_router; }
    Authenticator &authenticator() { return m_authenticator; }

private:
    OutboxRepository m_outbox;
    ResponseCache m_cache;
    UsuarioRepository m_usuarioRepository;
    TicketRepository m_ticketRepository;
    InteraccionRepository m_interaccionRepository;
    NotificacionRepository m_notificacionRepository;
    RespuestaRepository m_respuestaRepository;
    SessionRepository m_sessionRepository;
    Authenticator m_authenticator;
    EventAudience m_audience;
    PresenceStore m_presence;
    AuthController m_auth;
    UsuariosController m_usuarios;
    TicketsController m_tickets;
    InteraccionesController m_interacciones;
    EventosController m_eventos;
    NotificacionesController m_notificaciones;
    RespuestasController m_respuestas;
    PresenciaController m_presencia;
    HealthController m_health;
    MetaController m_meta;
    Router m_router;
};

} // namespace tickets::server
