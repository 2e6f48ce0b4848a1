// Interactions: the timeline of a ticket and new comments or notes.

#include "ApiFixture.h"

using namespace tickets::test;

class TestInteracciones : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_interacciones")};
    QString usuario;
    QString ticket;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        usuario = f.createUsuario("agente@example.com", "soporte");
        ticket = f.createTicket(usuario, "Impresora sin tóner");
    }

    void createComment()
    {
        const QString before =
            f.db()
                .scalar(QStringLiteral("SELECT fecha_actualizacion::text FROM tickets WHERE id = '%1'").arg(ticket))
                .toString();
        const HttpReply reply = f.http().post(
            "/interacciones",
            QJsonObject{{"ticket_id", ticket}, {"usuario_id", usuario}, {"contenido", "He revisado el problema"}});
        QCOMPARE(reply.status, 200);
        const QJsonObject i = reply.object();
        QCOMPARE(i.keys(), QStringList({"contenido", "fecha_creacion", "id", "ticket_id", "tipo", "usuario_id"}));
        QCOMPARE(i.value("tipo").toString(), QStringLiteral("comentario"));
        QCOMPARE(i.value("usuario_id").toString(), usuario);
        QVERIFY(i.value("id").isDouble());
        QCOMPARE(f.db().scalar(
                     QStringLiteral("SELECT contenido FROM interacciones WHERE id = %1").arg(i.value("id").toInt())),
                 QVariant("He revisado el problema"));
        const QString after =
            f.db()
                .scalar(QStringLiteral("SELECT fecha_actualizacion::text FROM tickets WHERE id = '%1'").arg(ticket))
                .toString();
        QVERIFY2(after > before, "a new interaction is activity on the ticket");
    }

    void anonymousAndInternalNote()
    {
        HttpReply reply =
            f.http().post("/interacciones", QJsonObject{{"ticket_id", ticket}, {"contenido", "Aviso automático"}});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.object().value("usuario_id").isNull());
        reply = f.http().post("/interacciones", QJsonObject{{"ticket_id", ticket},
                                                            {"usuario_id", QJsonValue::Null},
                                                            {"tipo", "nota_interna"},
                                                            {"contenido", "Solo para soporte"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("tipo").toString(), QStringLiteral("nota_interna"));
    }

    void unknownTicketOrUser()
    {
        const QString nobody = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
        HttpReply reply = f.http().post("/interacciones", QJsonObject{{"ticket_id", nobody}, {"contenido", "x"}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Ticket no encontrado"));
        reply = f.http().post("/interacciones",
                              QJsonObject{{"ticket_id", ticket}, {"usuario_id", nobody}, {"contenido", "x"}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Usuario no encontrado"));
        QCOMPARE(f.db().scalar("SELECT count(*) FROM interacciones WHERE contenido = 'x'").toInt(), 0);
        reply = f.http().get("/tickets/" + nobody + "/interacciones");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Ticket no encontrado"));
    }

    void listIsNewestFirstAndCappedAt50()
    {
        const QString busy = f.createTicket(usuario, "Ticket con mucha actividad");
        for (int i = 0; i < 60; ++i) {
            const HttpReply r =
                f.http().post("/interacciones",
                              QJsonObject{{"ticket_id", busy}, {"contenido", QStringLiteral("comentario %1").arg(i)}});
            QCOMPARE(r.status, 200);
        }
        const HttpReply reply = f.http().get("/tickets/" + busy + "/interacciones");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().size(), 50);
        QCOMPARE(reply.header("x-total-count"), QByteArray("60"));
        QCOMPARE(reply.array().first().toObject().value("contenido").toString(), QStringLiteral("comentario 59"));
        QCOMPARE(reply.array().last().toObject().value("contenido").toString(), QStringLiteral("comentario 10"));
        const HttpReply older = f.http().get("/tickets/" + busy + "/interacciones?skip=50");
        QCOMPARE(older.array().size(), 10);
        QCOMPARE(older.array().last().toObject().value("contenido").toString(), QStringLiteral("comentario 0"));
    }

    void invalidBodies()
    {
        HttpReply reply =
            f.http().post("/interacciones", QJsonObject{{"ticket_id", ticket}, {"tipo", "queja"}, {"contenido", ""}});
        QCOMPARE(reply.status, 422);
        const QJsonValue detail = reply.object().value("detail");
        QCOMPARE(errorAt(detail, {"body", "tipo"}).value("type").toString(), QStringLiteral("enum"));
        QCOMPARE(errorAt(detail, {"body", "contenido"}).value("type").toString(), QStringLiteral("string_too_short"));
        reply = f.http().post("/interacciones", QJsonObject{{"ticket_id", "abc"}, {"usuario_id", 7}});
        const QJsonValue d2 = reply.object().value("detail");
        QCOMPARE(errorAt(d2, {"body", "ticket_id"}).value("type").toString(), QStringLiteral("uuid_parsing"));
        QCOMPARE(errorAt(d2, {"body", "usuario_id"}).value("type").toString(), QStringLiteral("uuid_type"));
        QCOMPARE(errorAt(d2, {"body", "contenido"}).value("type").toString(), QStringLiteral("missing"));
    }
};

QTEST_GUILESS_MAIN(TestInteracciones)
#include "tst_interacciones.moc"
