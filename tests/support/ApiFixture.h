#pragma once
// A fresh database, a real server on it, and a client: what each API test suite starts from.

#include "HttpClient.h"
#include "ServerProcess.h"
#include "TestEnvironment.h"

#include <QTest>

#include <memory>

namespace tickets::test {

class ApiFixture
{
public:
    explicit ApiFixture(const QString &databaseName, const QMap<QString, QString> &environment = {});

    bool start();
    ServerProcess &server() { return m_server; }
    HttpClient &http() { return *m_http; }
    TestDatabase &db() { return m_db; }

    // With AUTH_REQUIRED=true: creates an admin with --create-admin, logs in, and makes http()
    // send its token from then on. Returns the token (empty on failure).
    QByteArray bootstrapAdmin(const QString &email, const QString &password);
    // Logs in; the token, or empty.
    QByteArray login(const QString &email, const QString &password);

    // Creates a user / ticket through the API and returns its id (empty on failure).
    QString createUsuario(const QString &email, const QString &rol = QStringLiteral("usuario"),
                          const QString &nombre = QStringLiteral("Persona de prueba"), const QString &password = {});
    QString createTicket(const QString &usuarioId, const QString &titulo,
                         const QString &prioridad = QStringLiteral("media"),
                         const QString &descripcion = QStringLiteral("Descripción de prueba"));

private:
    TestDatabase m_db;
    QMap<QString, QString> m_environment;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
};

// Finds the 422 item for a location such as ["body","email"].
QJsonObject errorAt(const QJsonValue &detail, const QJsonArray &loc);

} // namespace tickets::test
