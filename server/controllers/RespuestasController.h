#pragma once
// /respuestas: staff's canned replies, their own and the shared ones (issue 15).

#include "api/Router.h"

namespace tickets::server {

class Access;
class RespuestaRepository;

class RespuestasController
{
public:
    explicit RespuestasController(RespuestaRepository &respuestas) : m_respuestas(respuestas) {}
    void registerRoutes(Router &router);

private:
    Response list(Request &request);
    Response create(Request &request);
    Response update(Request &request);
    Response remove(Request &request);

    // The caller may change the reply `id`: 404 when it is unknown or not visible to them (its
    // existence does not leak), 403 when it is visible but not theirs to change.
    void requireEditable(const Access &access, qint64 id);

    RespuestaRepository &m_respuestas;
};

} // namespace tickets::server
