#include "ApiFixture.h"

namespace tickets::test {

ApiFixture::ApiFixture(const QString &databaseName, const QMap<QString, QString> &environment)
    : m_db(databaseName), m_environment(environment)
{}

bool ApiFixture::start()
{
    if (!m_server.start(m_db.url(), m_environment))
        return false;
    m_http = std::make_unique<HttpClient>(m_server.url());
    return true;
}

QByteArray ApiFixture::login(const QString &email, const QString &password)
{
    HttpClient anonymous(m_server.url());
    const HttpReply reply =
        anonymous.post(QStringLiteral("/auth/login"),
                       QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    if (reply.status != 200)
        qWarning() << "login" << reply.status << reply.body;
    return reply.object().value(QStringLiteral("access_token")).toString().toLatin1();
}

QByteArray ApiFixture::bootstrapAdmin(const QString &email, const QString &password)
{
    const auto outcome =
        ServerProcess::run({QStringLiteral("--create-admin"), email}, {{QStringLiteral("SUPABASE_DB_URL"), m_db.url()}},
                           60000, password.toUtf8() + '\n');
    if (outcome.exitCode != 0) {
        qWarning() << "--create-admin failed:" << outcome.output;
        return {};
    }
    const QByteArray token = login(email, password);
    m_http->setToken(token);
    return token;
}

QString ApiFixture::createUsuario(const QString &email, const QString &rol, const QString &nombre,
                                  const QString &password)
{
    QJsonObject body{
        {QStringLiteral("email"), email}, {QStringLiteral("nombre"), nombre}, {QStringLiteral("rol"), rol}};
    if (!password.isEmpty())
        body.insert(QStringLiteral("password"), password);
    const HttpReply reply = http().post(QStringLiteral("/usuarios"), body);
    if (reply.status != 200)
        qWarning() << "createUsuario" << reply.status << reply.body;
    return reply.object().value(QStringLiteral("id")).toString();
}

QString ApiFixture::createTicket(const QString &usuarioId, const QString &titulo, const QString &prioridad,
                                 const QString &descripcion)
{
    const HttpReply reply =
        http().post(QStringLiteral("/tickets"), QJsonObject{{QStringLiteral("usuario_id"), usuarioId},
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
