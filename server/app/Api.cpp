#include "app/Api.h"

#include "app/ServerRuntime.h"

namespace tickets::server {

Api::Api(Database &database, RedisClient &redis, ServerRuntime &runtime)
    : m_outbox(database, &runtime.outboxWakeup),
      m_cache(redis, [this](const QByteArray &key) { m_outbox.invalidateLater(key); }),
      m_usuarioRepository(database, m_outbox), m_ticketRepository(database, m_outbox, runtime.config.sla),
      m_interaccionRepository(database, m_outbox), m_notificacionRepository(database, m_outbox),
      m_respuestaRepository(database), m_sessionRepository(database),
      m_authenticator(runtime.config.auth, m_sessionRepository, m_usuarioRepository, m_cache, redis,
                      &runtime.sessionMemo),
      m_audience([this](const QUuid &ticketId) { return m_ticketRepository.ownerOf(ticketId); }), m_presence(redis),
      m_auth(m_authenticator, m_usuarioRepository), m_usuarios(m_usuarioRepository, m_cache, m_authenticator),
      m_tickets(m_ticketRepository, m_usuarioRepository, m_cache),
      m_interacciones(m_interaccionRepository, m_ticketRepository, m_cache), m_eventos(m_outbox, m_audience),
      m_notificaciones(m_notificacionRepository, m_usuarioRepository), m_respuestas(m_respuestaRepository),
      m_presencia(m_ticketRepository, m_presence),
      m_health(database, redis, m_outbox, runtime.uptime, runtime.liveClients, runtime.config.auth.required,
               runtime.config.workerStaleSeconds),
      m_meta(runtime.cors)
{
    m_auth.registerRoutes(m_router);
    m_usuarios.registerRoutes(m_router);
    m_tickets.registerRoutes(m_router);
    m_interacciones.registerRoutes(m_router);
    m_eventos.registerRoutes(m_router);
    m_notificaciones.registerRoutes(m_router);
    m_respuestas.registerRoutes(m_router);
    m_presencia.registerRoutes(m_router);
    m_health.registerRoutes(m_router);
    m_meta.registerRoutes(m_router);
}

} // namespace tickets::server
