#include "ApiFixture.h"

namespace tickets::test {

ApiFixture::ApiFixture(const QString &databaseName, const QMap<QString, QString> &environment)
    : m_db(databaseName), m_environment(environment)
{
}

bool ApiFixture::start()
{
    if (!m_server.start(m_db.url(), m_environment))
        return false;
    m_http = std::make_unique<HttpClient>(m_server.url());
    return true;
}

QString ApiFixture::createUsuario(const QString &email, const QString &rol, const QString &nombre)
{
    const HttpReply reply = http().post(QStringLiteral("/usuarios"),
                                        QJsonObject{{QStringLiteral("email"), email},
                                                    {QStringLiteral("nombre"), nombre},
                                                    {QStringLiteral("rol"), rol}});
    if (reply.status != 200)
        qWarning() << "createUsuario" << reply.status << reply.body;
    return reply.object().value(QStringLiteral("id")).toString();
}

QString ApiFixture::createTicket(const QString &usuarioId, const QString &titulo, const QString &prioridad,
                                 const QString &descripcion)
{
    const HttpReply reply = http().post(QStringLiteral("/tickets"),
                                        QJsonObject{{QStringLiteral("usuario_id"), usuarioId},
                                                    {QStringLiteral("titulo"), titulo},
                                                    {QStringLiteral("descripcion"), descripcion},
                                                    {QStringLiteral("prioridad"), prioridad}});
    if (reply.status != 200)
        qWarning() << "createTicket" << reply.status << reply.body;
    return reply.object().value(QStringLiteral("id")).toString();
}

QJsonObject errorAt(const QJsonValue &detail, const QJsonArray &loc)
{
    for (const QJsonValue &item : detail.toArray()) {
        if (item.toObject().value(QStringLiteral("loc")).toArray() == loc)
            return item.toObject();
    }
    return {};
}

} // namespace tickets::test
