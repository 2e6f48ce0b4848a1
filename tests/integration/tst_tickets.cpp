// /tickets: creation, lookups, filters, search, summary and state changes under concurrency.

#include "ApiFixture.h"
#include "RawHttp.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpSocket>

using namespace tickets::test;

class TestTickets : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_tickets")};
    QString ana;
    QString luis;

    QStringList ids(const HttpReply &reply)
    {
        QStringList list;
        for (const QJsonValue &t : reply.array())
            list << t.toObject().value("id").toString();
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        ana = f.createUsuario("ana@example.com");
        luis = f.createUsuario("luis@example.com");
    }

    void createAppliesDefaults()
    {
        const HttpReply reply = f.http().post("/tickets", QJsonObject{{"usuario_id", ana},
                                                                      {"titulo", "Problema con login"},
                                                                      {"descripcion", "No puedo iniciar sesión"}});
        QCOMPARE(reply.status, 200);
        const QJsonObject t = reply.object();
        // The contract's fields, and the added ones (numero, owner, due time, version).
        QCOMPARE(t.keys(), QStringList({"asignado_a", "descripcion", "estado", "fecha_actualizacion", "fecha_creacion",
                                        "id", "numero", "prioridad", "titulo", "usuario_id", "vence_en", "version"}));
        QVERIFY(t.value("asignado_a").isNull());
        QCOMPARE(t.value("version").toInteger(), 1);
        QVERIFY(t.value("numero").toInteger() >= 1);
        QCOMPARE(t.value("estado").toString(), QStringLiteral("abierto"));
        QCOMPARE(t.value("prioridad").toString(), QStringLiteral("media"));
        QCOMPARE(t.value("usuario_id").toString(), ana);
        QCOMPARE(t.value("fecha_creacion"), t.value("fecha_actualizacion"));
        QVERIFY(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")
                    .match(t.value("fecha_creacion").toString())
                    .hasMatch());
        const HttpReply again = f.http().get("/tickets/" + t.value("id").toString());
        QCOMPARE(again.status, 200);
        QCOMPARE(again.object(), t);
    }

    void createForUnknownUserIs404()
    {
        const int before = f.db().scalar("SELECT count(*) FROM tickets").toInt();
        const HttpReply reply = f.http().post(
            "/tickets",
            QJsonObject{{"usuario_id", "550e8400-e29b-41d4-a716-446655440000"}, {"titulo", "x"}, {"descripcion", "y"}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Usuario no encontrado"));
        QCOMPARE(f.db().scalar("SELECT count(*) FROM tickets").toInt(), before);
    }

    void unknownTicketIs404()
    {
        const HttpReply reply = f.http().get("/tickets/550e8400-e29b-41d4-a716-446655440000");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object(), QJsonObject({{"detail", "Ticket no encontrado"}}));
    }

    void filtersSearchAndCounts()
    {
        const QString t1 = f.createTicket(luis, "Error de facturación en la factura de enero", "alta");
        const QString t2 =
            f.createTicket(luis, "La impresora no imprime", "baja", "Atasco de papel al 100% de la bandeja");
        const QString t3 = f.createTicket(ana, "FACTURACIÓN duplicada", "critica");
        QCOMPARE(f.http()
                     .patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=cerrado&usuario_id=%2").arg(t2, luis))
                     .status,
                 200);

        HttpReply reply = f.http().get("/tickets?usuario_id=" + luis);
        QCOMPARE(ids(reply), QStringList({t2, t1}));
        QCOMPARE(reply.header("x-total-count"), QByteArray("2"));

        reply = f.http().get("/tickets?estado=cerrado");
        QVERIFY(ids(reply).contains(t2));
        QCOMPARE(reply.header("x-total-count").toInt(),
                 f.db().scalar("SELECT count(*) FROM tickets WHERE estado='cerrado'").toInt());
        for (const QJsonValue &t : reply.array())
            QCOMPARE(t.toObject().value("estado").toString(), QStringLiteral("cerrado"));

        reply = f.http().get("/tickets?prioridad=critica&estado=abierto");
        QCOMPARE(ids(reply), QStringList({t3}));
        QCOMPARE(reply.header("x-total-count"), QByteArray("1"));

        // Case- and accent-insensitive, in titulo and descripcion.
        reply = f.http().get("/tickets?q=facturacion");
        QCOMPARE(ids(reply), QStringList({t3, t1}));
        QCOMPARE(reply.header("x-total-count"), QByteArray("2"));
        QCOMPARE(ids(f.http().get("/tickets?q=ATASCO")), QStringList({t2}));
        QCOMPARE(ids(f.http().get("/tickets?q=Facturación&usuario_id=" + ana)), QStringList({t3}));
        // LIKE wildcards in the text are taken literally.
        QCOMPARE(ids(f.http().get("/tickets?q=100%25")), QStringList({t2}));
        QCOMPARE(f.http().get("/tickets?q=%25").array().size(), 1);
        QCOMPARE(f.http().get("/tickets?q=_").array().size(), 0);
    }

    void searchCountIsCappedAt200()
    {
        QSqlQuery insert(f.db().connection());
        QVERIFY(
            insert.exec(QStringLiteral("INSERT INTO tickets (usuario_id, titulo, descripcion) SELECT '%1', "
                                       "'Ticket masivo ' || g, 'Pantalla parpadeante' FROM generate_series(1, 205) g")
                            .arg(ana)));
        HttpReply reply = f.http().get("/tickets?q=parpadeante&limit=5");
        QCOMPARE(reply.array().size(), 5);
        QCOMPARE(reply.header("x-total-count"), QByteArray("200"));
        QCOMPARE(reply.header("x-total-count-capped"), QByteArray("true"));
        // Under the cap the count is exact: masivo 1, 10..19, 100..199.
        reply = f.http().get("/tickets?q=masivo%201&limit=5");
        QCOMPARE(reply.array().size(), 5);
        QCOMPARE(reply.header("x-total-count"), QByteArray("111"));
        QVERIFY(!reply.headers.contains("x-total-count-capped"));
        reply = f.http().get("/tickets?q=masivo%20205");
        QCOMPARE(reply.header("x-total-count"), QByteArray("1"));
        QVERIFY(!reply.headers.contains("x-total-count-capped"));
        // Paging goes on past the cap.
        QCOMPARE(f.http().get("/tickets?q=parpadeante&skip=200&limit=100").array().size(), 5);
    }

    void searchUsesTheTrigramIndex()
    {
        QSqlQuery query(f.db().connection());
        QVERIFY(query.exec("SET enable_seqscan = off"));
        QVERIFY(query.exec(
            "EXPLAIN SELECT id FROM tickets WHERE busqueda LIKE '%' || tickets_normalizar('factura') || '%'"));
        QString plan;
        while (query.next())
            plan += query.value(0).toString() + u'\n';
        QVERIFY2(plan.contains("tickets_busqueda_trgm_idx"), qPrintable(plan));
    }

    void pagingIsStable()
    {
        const QString pages = f.createUsuario("paginas@example.com");
        for (int i = 0; i < 25; ++i)
            f.createTicket(pages, QStringLiteral("Ticket de paginación %1").arg(i));
        const QString mine = "&usuario_id=" + pages;
        const QStringList all = ids(f.http().get("/tickets?limit=1000" + mine));
        QCOMPARE(all.size(), 25);
        QStringList paged;
        for (int skip = 0; skip < all.size(); skip += 7)
            paged += ids(f.http().get(QStringLiteral("/tickets?skip=%1&limit=7").arg(skip) + mine));
        QCOMPARE(paged, all);
        QCOMPARE(f.http().get("/tickets").array().size(), 20);
        QCOMPARE(f.http().get("/tickets?limit=5").header("x-total-count").toInt(),
                 f.db().scalar("SELECT count(*) FROM tickets").toInt());
    }

    // Issue 14: keyset pages, with ties in fecha_creacion (a bulk insert gives every row the
    // same timestamp), reach the same tickets in the same order as skip, with no repeat or gap.
    void cursorPagesWalkTheWholeListInOrder()
    {
        const QString owner = f.createUsuario("cursor@example.com");
        QCOMPARE(f.db()
                     .scalar(QStringLiteral("WITH t AS (INSERT INTO tickets (id, usuario_id, titulo, descripcion) "
                                            "SELECT gen_random_uuid(), '%1', 'Empate ' || g, 'Mismo instante' "
                                            "FROM generate_series(1, 23) g RETURNING 1) SELECT count(*) FROM t")
                                 .arg(owner))
                     .toInt(),
                 23);
        for (int i = 0; i < 4; ++i)
            f.createTicket(owner, QStringLiteral("Posterior %1").arg(i));
        const QString mine = "usuario_id=" + owner;
        const QStringList all = ids(f.http().get("/tickets?limit=1000&" + mine));
        QCOMPARE(all.size(), 27);

        QStringList walked;
        QString path = "/tickets?limit=5&" + mine;
        int pages = 0;
        for (;;) {
            const HttpReply page = f.http().get(path);
            QCOMPARE(page.status, 200);
            QCOMPARE(page.header("x-total-count"), QByteArray("27"));
            walked += ids(page);
            ++pages;
            const QByteArray next = page.header("x-next-cursor");
            if (next.isEmpty())
                break;
            // The Link header names the same next page.
            const QByteArray link = page.header("link");
            QVERIFY2(link.startsWith("</tickets?") && link.endsWith(">; rel=\"next\"") && link.contains(next),
                     link.constData());
            path = QString::fromLatin1(link.mid(1, link.indexOf('>') - 1));
            QVERIFY(pages < 10);
        }
        QCOMPARE(walked, all);
        QCOMPARE(pages, 6); // 5+5+5+5+5+2: the last page has no cursor

        const HttpReply bad = f.http().get("/tickets?cursor=no-es-nuestro");
        QCOMPARE(bad.status, 422);
        QCOMPARE(errorAt(bad.object()["detail"], {"query", "cursor"})["type"].toString(),
                 QStringLiteral("value_error"));
        const QByteArray cursor = f.http().get("/tickets?limit=1").header("x-next-cursor");
        QVERIFY(!cursor.isEmpty());
        QCOMPARE(f.http().get("/tickets?skip=1&cursor=" + QString::fromLatin1(cursor)).status, 422);
        // skip keeps working, with a bound on what it may cost.
        QCOMPARE(f.http().get("/tickets?skip=10000").status, 200);
        const HttpReply far = f.http().get("/tickets?skip=10001");
        QCOMPARE(far.status, 422);
        QCOMPARE(errorAt(far.object()["detail"], {"query", "skip"})["type"].toString(),
                 QStringLiteral("less_than_equal"));
    }

    void resumenCountsPerEstadoAndPrioridad()
    {
        const HttpReply reply = f.http().get("/tickets/resumen");
        QCOMPARE(reply.status, 200);
        const QJsonObject r = reply.object();
        QCOMPARE(r.value("total").toInt(), f.db().scalar("SELECT count(*) FROM tickets").toInt());
        for (const QString &estado : QStringList{"abierto", "en_proceso", "resuelto", "cerrado"})
            QCOMPARE(
                r.value("por_estado").toObject().value(estado).toInt(),
                f.db().scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE estado = '%1'").arg(estado)).toInt());
        for (const QString &p : QStringList{"baja", "media", "alta", "critica"})
            QCOMPARE(
                r.value("por_prioridad").toObject().value(p).toInt(),
                f.db().scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE prioridad = '%1'").arg(p)).toInt());
    }

    // The counts are deltas until folded: exact before and after the fold, under concurrent
    // state changes and bulk statements (one insert of many rows, an update and a delete of
    // many), and the deltas are folded away within a few seconds.
    void countsStayExactThroughBulkWritesAndFolding()
    {
        const auto check = [&] {
            const QJsonObject r = f.http().get("/tickets/resumen").object();
            const int total = f.db().scalar("SELECT count(*) FROM tickets").toInt();
            if (r.value("total").toInt() != total)
                return false;
            for (const QString &estado : QStringList{"abierto", "en_proceso", "resuelto", "cerrado"}) {
                const int counted =
                    f.db()
                        .scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE estado = '%1'").arg(estado))
                        .toInt();
                if (r.value("por_estado").toObject().value(estado).toInt() != counted)
                    return false;
                const HttpReply page = f.http().get("/tickets?limit=1&estado=" + estado);
                if (page.header("x-total-count").toInt() != counted)
                    return false;
            }
            return true;
        };
        f.db().scalar(QStringLiteral("INSERT INTO tickets (usuario_id, titulo, descripcion, estado, prioridad) "
                                     "SELECT '%1', 'Importado ' || g, 'historia', "
                                     "(ARRAY['abierto','en_proceso','resuelto','cerrado'])[1 + g % 4], "
                                     "(ARRAY['baja','media','alta','critica'])[1 + g % 3] "
                                     "FROM generate_series(1, 5000) g RETURNING 1")
                          .arg(ana));
        QVERIFY(check());
        f.db().scalar("UPDATE tickets SET estado = 'cerrado' WHERE titulo LIKE 'Importado 1%' RETURNING 1");
        QVERIFY(check());
        f.db().scalar("DELETE FROM tickets WHERE titulo LIKE 'Importado 2%' RETURNING 1");
        QVERIFY(check());
        // Folded by the relay within a couple of seconds, counts unchanged.
        QTRY_COMPARE_WITH_TIMEOUT(f.db().scalar("SELECT count(*) FROM tickets_resumen_delta").toInt(), 0, 5000);
        QVERIFY(check());
        // An update that changes no estado or prioridad writes no delta.
        f.db().scalar(
            "UPDATE tickets SET fecha_actualizacion = clock_timestamp() WHERE titulo LIKE 'Importado 3%' RETURNING 1");
        QCOMPARE(f.db().scalar("SELECT count(*) FROM tickets_resumen_delta").toInt(), 0);
    }

    // Each write sends what it needs and no more: the access log says how many round trips to
    // PostgreSQL a request cost.
    void writesCostOneRoundTrip()
    {
        const auto costOf = [&](const QByteArray &method, const QString &path) {
            const QByteArray log = f.server().log();
            const qsizetype at = log.lastIndexOf(QByteArray(method + ' ' + path.toLatin1() + ' '));
            if (at < 0)
                return -1;
            const QByteArray line = log.mid(at, log.indexOf('\n', at) - at);
            const qsizetype sql = line.indexOf("sql=");
            return sql < 0 ? -1 : line.mid(sql + 4).split(' ').first().toInt();
        };
        const QString t = f.createTicket(ana, "Una sola ida y vuelta");
        QTRY_VERIFY(costOf("POST", "/tickets") >= 0);
        QCOMPARE(costOf("POST", "/tickets"), 1);
        const QString path = QStringLiteral("/tickets/%1/estado").arg(t);
        QCOMPARE(f.http().patch(path + "?nuevo_estado=en_proceso&usuario_id=" + luis).status, 200);
        QTRY_VERIFY(costOf("PATCH", path + "?nuevo_estado=en_proceso&usuario_id=" + luis) >= 0);
        QCOMPARE(costOf("PATCH", path + "?nuevo_estado=en_proceso&usuario_id=" + luis), 1);
        QCOMPARE(f.http()
                     .post("/interacciones", QJsonObject{{"ticket_id", t}, {"usuario_id", luis}, {"contenido", "hola"}})
                     .status,
                 200);
        QTRY_VERIFY(costOf("POST", "/interacciones") >= 0);
        QVERIFY(costOf("POST", "/interacciones") <= 4); // BEGIN, the interaction with its ticket, the outbox, COMMIT
    }

    void changeEstadoRecordsTheInteraction()
    {
        const QString t = f.createTicket(ana, "Cambio de estado");
        const QString before = f.http().get("/tickets/" + t).object().value("fecha_actualizacion").toString();
        const HttpReply reply =
            f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso&usuario_id=%2").arg(t, luis));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object(),
                 QJsonObject({{"mensaje", "Estado actualizado correctamente"}, {"estado", "en_proceso"}}));
        const QJsonObject ticket = f.http().get("/tickets/" + t).object();
        QCOMPARE(ticket.value("estado").toString(), QStringLiteral("en_proceso"));
        QVERIFY(ticket.value("fecha_actualizacion").toString() > before);
        const QJsonArray timeline = f.http().get("/tickets/" + t + "/interacciones").array();
        QCOMPARE(timeline.size(), 1);
        QCOMPARE(timeline[0].toObject().value("tipo").toString(), QStringLiteral("cambio_estado"));
        QCOMPARE(timeline[0].toObject().value("contenido").toString(),
                 QStringLiteral("Estado actualizado a en_proceso"));
        QCOMPARE(timeline[0].toObject().value("usuario_id").toString(), luis);
    }

    void changeEstadoErrors()
    {
        const QString t = f.createTicket(ana, "Errores de cambio de estado");
        const QString nobody = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
        HttpReply reply =
            f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=cerrado&usuario_id=%2").arg(nobody, ana));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Ticket no encontrado"));
        reply = f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=cerrado&usuario_id=%2").arg(t, nobody));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Usuario no encontrado"));
        QCOMPARE(f.http().get("/tickets/" + t).object().value("estado").toString(), QStringLiteral("abierto"));
        QCOMPARE(
            f.db().scalar(QStringLiteral("SELECT count(*) FROM interacciones WHERE ticket_id = '%1'").arg(t)).toInt(),
            0);

        reply = f.http().patch(QStringLiteral("/tickets/%1/estado").arg(t));
        QCOMPARE(reply.status, 422);
        QCOMPARE(errorAt(reply.object().value("detail"), {"query", "nuevo_estado"}).value("type").toString(),
                 QStringLiteral("missing"));
        QCOMPARE(errorAt(reply.object().value("detail"), {"query", "usuario_id"}).value("type").toString(),
                 QStringLiteral("missing"));
        reply = f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=archivado&usuario_id=%2").arg(t, ana));
        QCOMPARE(reply.status, 422);
        QCOMPARE(errorAt(reply.object().value("detail"), {"query", "nuevo_estado"}).value("msg").toString(),
                 QStringLiteral("Input should be 'abierto', 'en_proceso', 'resuelto' or 'cerrado'"));
    }

    // 100 PATCHes on one ticket at once, each on its own connection: every one is recorded,
    // and the ticket ends in the state of the last one committed.
    void concurrentStateChangesAreSerialised()
    {
        const QString t = f.createTicket(ana, "Ticket muy disputado");
        const QStringList estados{"abierto", "en_proceso", "resuelto", "cerrado"};
        QList<QTcpSocket *> sockets;
        for (int i = 0; i < 100; ++i) {
            auto *socket = new QTcpSocket(this);
            socket->connectToHost(QHostAddress::LocalHost, static_cast<quint16>(f.server().port()));
            sockets << socket;
        }
        for (QTcpSocket *socket : sockets)
            QVERIFY(socket->waitForConnected(5000));
        for (int i = 0; i < sockets.size(); ++i) {
            const QByteArray path = QStringLiteral("/tickets/%1/estado?nuevo_estado=%2&usuario_id=%3")
                                        .arg(t, estados[i % 4], luis)
                                        .toUtf8();
            sockets[i]->write("PATCH " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        }
        int ok = 0;
        for (QTcpSocket *socket : sockets) {
            ok += readResponse(*socket, 30000).status == 200 ? 1 : 0;
            socket->deleteLater();
        }
        QCOMPARE(ok, 100);
        QCOMPARE(f.db()
                     .scalar(QStringLiteral(
                                 "SELECT count(*) FROM interacciones WHERE ticket_id = '%1' AND tipo = 'cambio_estado'")
                                 .arg(t))
                     .toInt(),
                 100);
        const QString last = f.db()
                                 .scalar(QStringLiteral("SELECT contenido FROM interacciones WHERE ticket_id = '%1' "
                                                        "ORDER BY id DESC LIMIT 1")
                                             .arg(t))
                                 .toString();
        const QString estado = f.http().get("/tickets/" + t).object().value("estado").toString();
        QCOMPARE(last, QStringLiteral("Estado actualizado a ") + estado);
        // The newest-first timeline agrees with the commit order.
        QCOMPARE(
            f.http().get("/tickets/" + t + "/interacciones").array().first().toObject().value("contenido").toString(),
            last);
    }
};

QTEST_GUILESS_MAIN(TestTickets)
#include "tst_tickets.moc"
