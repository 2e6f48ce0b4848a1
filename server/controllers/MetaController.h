#pragma once
// What is about the API rather than tickets: CORS diagnostics, the OpenAPI document and its
// Swagger UI / ReDoc pages.

#include "api/Router.h"

namespace tickets::server {

class CorsPolicy;

class MetaController
{
public:
    explicit MetaController(const CorsPolicy &cors) : m_cors(cors) {}
    void registerRoutes(Router &router);

    // The OpenAPI document served at /openapi.json (embedded resource, version filled in).
    static QByteArray openApiDocument();

private:
    Response debugCors(Request &request);
    Response testCors(Request &request);

    const CorsPolicy &m_cors;
};

} // namespace tickets::server
