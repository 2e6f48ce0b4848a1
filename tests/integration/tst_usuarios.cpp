// /usuarios against a real server and PostgreSQL.

#include "ApiFixture.h"

#include <QRegularExpression>

using namespace tickets::test;

class TestUsuarios : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_usuarios")};

private Q_SLOTS:
    void initTestCase() { QVERIFY(f.start()); }

    void createReturnsTheUserAndStoresIt()
    {
        const HttpReply reply = f.http().post(
            "/usuarios", QJsonObject{{"email", "maria@example.com"}, {"nombre", "María García"}, {"rol", "soporte"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        const QJsonObject u = reply.object();
        QCOMPARE(u.keys(), QStringList({"activo", "email", "fecha_creacion", "id", "nombre", "rol"}));
        QCOMPARE(u.value("email").toString(), QStringLiteral("maria@example.com"));
        QCOMPARE(u.value("nombre").toString(), QStringLiteral("María García"));
        QCOMPARE(u.value("rol").toString(), QStringLiteral("soporte"));
        QCOMPARE(u.value("activo").toBool(), true);
        QVERIFY(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")
                    .match(u.value("fecha_creacion").toString())
                    .hasMatch());
        QCOMPARE(
            f.db().scalar(QStringLiteral("SELECT nombre FROM usuarios WHERE id = '%1'").arg(u.value("id").toString())),
            QVariant(QStringLiteral("María García")));
    }

    void rolDefaultsToUsuario()
    {
        const HttpReply reply =
            f.http().post("/usuarios", QJsonObject{{"email", "sinrol@example.com"}, {"nombre", "Sin Rol"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("rol").toString(), QStringLiteral("usuario"));
    }

    void duplicateEmailIs400WhateverItsCase()
    {
        QVERIFY(!f.createUsuario("dup@example.com").isEmpty());
        const HttpReply reply =
            f.http().post("/usuarios", QJsonObject{{"email", "DUP@example.com"}, {"nombre", "Otro"}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.object(), QJsonObject({{"detail", "El email ya está registrado"}}));
        QCOMPARE(f.db().scalar("SELECT count(*) FROM usuarios WHERE lower(email) = 'dup@example.com'").toInt(), 1);
    }

    void getByIdAndUnknown()
    {
        const QString id = f.createUsuario("get@example.com");
        const HttpReply reply = f.http().get("/usuarios/" + id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("id").toString(), id);
        const HttpReply missing = f.http().get("/usuarios/550e8400-e29b-41d4-a716-446655440000");
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.object(), QJsonObject({{"detail", "Usuario no encontrado"}}));
    }

    void listIsNewestFirstPagedAndCounted()
    {
        QStringList created;
        for (int i = 0; i < 5; ++i)
            created.prepend(f.createUsuario(QStringLiteral("lista%1@example.com").arg(i)));
        const int total = f.db().scalar("SELECT count(*) FROM usuarios").toInt();
        const HttpReply first = f.http().get("/usuarios?limit=3");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("x-total-count").toInt(), total);
        QCOMPARE(first.array().size(), 3);
        QCOMPARE(first.array().at(0).toObject().value("id").toString(), created.at(0));
        QCOMPARE(first.array().at(2).toObject().value("id").toString(), created.at(2));
        const HttpReply second = f.http().get("/usuarios?skip=3&limit=2");
        QCOMPARE(second.array().at(0).toObject().value("id").toString(), created.at(3));
        QCOMPARE(f.http().get("/usuarios").array().size(), qMin(total, 20));
    }

    void patchChangesOnlyWhatIsGiven()
    {
        const QString id = f.createUsuario("patch@example.com", "usuario", "Antes");
        HttpReply reply = f.http().patch("/usuarios/" + id, QJsonObject{{"nombre", "Después"}, {"rol", "admin"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("nombre").toString(), QStringLiteral("Después"));
        QCOMPARE(reply.object().value("rol").toString(), QStringLiteral("admin"));
        QCOMPARE(reply.object().value("email").toString(), QStringLiteral("patch@example.com"));
        QCOMPARE(f.db().scalar(QStringLiteral("SELECT rol FROM usuarios WHERE id = '%1'").arg(id)), QVariant("admin"));

        f.createUsuario("taken@example.com");
        reply = f.http().patch("/usuarios/" + id, QJsonObject{{"email", "taken@example.com"}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("El email ya está registrado"));

        reply = f.http().patch("/usuarios/" + id, QJsonObject{{"rol", "jefe"}});
        QCOMPARE(reply.status, 422);
        QCOMPARE(errorAt(reply.object().value("detail"), {"body", "rol"}).value("type").toString(),
                 QStringLiteral("enum"));

        reply = f.http().patch("/usuarios/550e8400-e29b-41d4-a716-446655440000", QJsonObject{{"nombre", "x"}});
        QCOMPARE(reply.status, 404);
    }

    void deleteDeactivatesAndKeepsHistory()
    {
        const QString id = f.createUsuario("baja@example.com");
        const QString ticket = f.createTicket(id, "Ticket de alguien que se va");
        const HttpReply reply = f.http().del("/usuarios/" + id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("activo").toBool(), false);
        QCOMPARE(f.db().scalar(QStringLiteral("SELECT activo FROM usuarios WHERE id = '%1'").arg(id)).toBool(), false);
        QCOMPARE(f.http().get("/tickets/" + ticket).status, 200);

        const HttpReply inactive = f.http().get("/usuarios?activo=false");
        QCOMPARE(inactive.status, 200);
        QVERIFY(!inactive.array().isEmpty());
        for (const QJsonValue &u : inactive.array())
            QCOMPARE(u.toObject().value("activo").toBool(), false);
        QCOMPARE(inactive.header("x-total-count").toInt(),
                 f.db().scalar("SELECT count(*) FROM usuarios WHERE NOT activo").toInt());
        for (const QJsonValue &u : f.http().get("/usuarios?activo=true&limit=1000").array())
            QCOMPARE(u.toObject().value("activo").toBool(), true);
        QCOMPARE(f.http().del("/usuarios/550e8400-e29b-41d4-a716-446655440000").status, 404);
    }

    void badFilterIs422()
    {
        const HttpReply reply = f.http().get("/usuarios?activo=quizas&limit=abc");
        QCOMPARE(reply.status, 422);
        const QJsonValue detail = reply.object().value("detail");
        QCOMPARE(errorAt(detail, {"query", "activo"}).value("type").toString(), QStringLiteral("bool_parsing"));
        QCOMPARE(errorAt(detail, {"query", "limit"}).value("type").toString(), QStringLiteral("int_parsing"));
    }
};

QTEST_GUILESS_MAIN(TestUsuarios)
#include "tst_usuarios.moc"
