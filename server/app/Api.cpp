#include "app/Api.h"

namespace tickets::server {

Api::Api(Database &database, RedisClient &redis, const Config &config, const CorsPolicy &cors,
         const QElapsedTimer &uptime, const std::atomic<int> &liveClients)
    : m_outbox(database),
      m_cache(redis, [this](const QByteArray &key) { m_outbox.invalidateLater(QString::fromLatin1(key)); }),
      m_usuarioRepository(database, m_outbox), m_ticketRepository(database, m_outbox),
      m_interaccionRepository(database, m_outbox), m_notificacionRepository(database, m_outbox),
      m_sessionRepository(database),
      m_authenticator(config.auth, m_sessionRepository, m_usuarioRepository, m_cache, redis),
      m_audience([this](const QUuid &ticketId) { return m_ticketRepository.ownerOf(ticketId); }),
      m_auth(m_authenticator, m_usuarioRepository), m_usuarios(m_usuarioRepository, m_cache),
      m_tickets(m_ticketRepository, m_cache), m_interacciones(m_interaccionRepository, m_ticketRepository, m_cache),
      m_eventos(m_outbox, m_audience), m_notificaciones(m_notificacionRepository),
      m_health(database, redis, m_outbox, uptime, liveClients, config.auth.required, config.workerStaleSeconds),
      m_meta(cors)
{
    m_auth.registerRoutes(m_router);
    m_usuarios.registerRoutes(m_router);
    m_tickets.registerRoutes(m_router);
    m_interacciones.registerRoutes(m_router);
    m_eventos.registerRoutes(m_router);
    m_notificaciones.registerRoutes(m_router);
    m_health.registerRoutes(m_router);
    m_meta.registerRoutes(m_router);
}

} // namespace tickets::server
