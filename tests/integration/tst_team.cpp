// Issue 15, team work in the API, against a real server, PostgreSQL, Redis and tickets-worker:
// numbers, owners and versions; edits and state changes under If-Match; the history; many
// agents assigning one ticket at once; filters and counts against exact sets; every order paged
// to its end; the SLA's due times and the worker's escalation, with one worker and with two.

#include "ApiFixture.h"
#include "PrivateRedis.h"
#include "WorkerProcess.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <functional>
#include <memory>

using namespace tickets;
using namespace tickets::test;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {
const QString kAdminEmail = QStringLiteral("jefa@equipo.example");
const QString kPassword = QStringLiteral("clave-de-equipo-2026");
// critica: 2 s, so that the escalation is seen within a test; the rest as by default.
const QString kSla = QStringLiteral(R"({"critica":0.0005})");

struct Person
{
    QString id;
    std::unique_ptr<HttpClient> http;
};

HttpReply patchJson(HttpClient &http, const QString &path, const QJsonObject &body, const QByteArray &ifMatch = {})
{
    Headers headers{{"Content-Type", "application/json"}};
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return http.send("PATCH", path, toJsonBytes(body), headers);
}

QStringList idsOf(const QJsonArray &tickets)
{
    QStringList ids;
    for (const QJsonValue &t : tickets)
        ids << t.toObject().value("id").toString();
    return ids;
}
} // namespace

class TestTeam : public QObject
{
    Q_OBJECT
    std::unique_ptr<PrivateRedis> redis; // the worker must not take other suites' tasks
    std::unique_ptr<ApiFixture> f;
    Person admin, ana, beto, cliente;
    QString inactivo;

    Person person(const QString &email, const QString &rol)
    {
        Person p;
        p.id = f->createUsuario(email, rol, email.section('@', 0, 0), kPassword);
        p.http = std::make_unique<HttpClient>(f->server().url());
        p.http->setToken(f->login(email, kPassword));
        return p;
    }

    QJsonObject ticket(const QString &id) { return admin.http->get("/tickets/" + id).object(); }

    QString newTicket(const QString &prioridad = QStringLiteral("media"), const QString &titulo = QStringLiteral("t"))
    {
        return cliente.http
            ->post("/tickets", QJsonObject{{"titulo", titulo}, {"descripcion", "d"}, {"prioridad", prioridad}})
            .object()
            .value("id")
            .toString();
    }

    int historyRows(const QString &ticketId)
    {
        return f->db()
            .scalar(QStringLiteral("SELECT count(*) FROM tickets_historial WHERE ticket_id = '%1'").arg(ticketId))
            .toInt();
    }

    int events(const QString &evento, const QString &ticketId)
    {
        return f->db()
            .scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE destino = 'canal' AND payload LIKE "
                                   "'{\"evento\": \"%1\", \"ticket_id\": \"%2\"%%'")
                        .arg(evento, ticketId))
            .toInt();
    }

    // Every page of GET /tickets?<query> by cursor, `limit` at a time (as the admin, or `as`).
    QStringList allPages(const QString &query, int limit, HttpClient *as = nullptr)
    {
        HttpClient &http = as ? *as : *admin.http;
        QStringList ids;
        QString path = QStringLiteral("/tickets?limit=%1&%2").arg(limit).arg(query);
        for (int page = 0; page < 1000; ++page) {
            const HttpReply reply = http.get(path);
            if (reply.status != 200)
                return {QStringLiteral("status %1: %2").arg(reply.status).arg(QString::fromUtf8(reply.body))};
            ids += idsOf(reply.array());
            const QByteArray cursor = reply.header("X-Next-Cursor");
            if (cursor.isEmpty())
                return ids;
            path = QStringLiteral("/tickets?limit=%1&%2&cursor=%3").arg(limit).arg(query, QString::fromLatin1(cursor));
        }
        return {QStringLiteral("more than 1000 pages")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        redis = std::make_unique<PrivateRedis>(QStringLiteral("team-redis"));
        QVERIFY(redis->isRunning());
        f = std::make_unique<ApiFixture>(QStringLiteral("tst_team"),
                                         QMap<QString, QString>{{"AUTH_REQUIRED", "true"},
                                                                {"REDIS_PORT", redis->portText()},
                                                                {"TICKETS_SLA_HORAS", kSla}});
        QVERIFY(f->start());
        QVERIFY(!f->bootstrapAdmin(kAdminEmail, kPassword).isEmpty());
        admin.http = std::make_unique<HttpClient>(f->server().url());
        admin.http->setToken(f->login(kAdminEmail, kPassword));
        admin.id = admin.http->get("/auth/me").object().value("id").toString();
        ana = person("ana@equipo.example", "soporte");
        beto = person("beto@equipo.example", "soporte");
        cliente = person("cliente@equipo.example", "usuario");
        inactivo = f->createUsuario("ido@equipo.example", "soporte", "ido", kPassword);
        QCOMPARE(f->http().del("/usuarios/" + inactivo).status, 200);
        QVERIFY(!ana.id.isEmpty() && !beto.id.isEmpty() && !cliente.id.isEmpty());
    }

    void ticketsHaveNumbersVersionsAndDueTimes()
    {
        const HttpReply first =
            cliente.http->post("/tickets", QJsonObject{{"titulo", "Uno"}, {"descripcion", "d"}, {"prioridad", "alta"}});
        const HttpReply second = cliente.http->post("/tickets", QJsonObject{{"titulo", "Dos"}, {"descripcion", "d"}});
        QCOMPARE(first.status, 200);
        const QJsonObject a = first.object();
        const QJsonObject b = second.object();
        QCOMPARE(b.value("numero").toInteger(), a.value("numero").toInteger() + 1);
        QCOMPARE(a.value("version").toInteger(), 1);
        QVERIFY(a.value("asignado_a").isNull());
        const QDateTime created = QDateTime::fromString(a.value("fecha_creacion").toString(), Qt::ISODateWithMs);
        QCOMPARE(QDateTime::fromString(a.value("vence_en").toString(), Qt::ISODateWithMs), created.addSecs(8 * 3600));
        const QDateTime createdB = QDateTime::fromString(b.value("fecha_creacion").toString(), Qt::ISODateWithMs);
        QCOMPARE(QDateTime::fromString(b.value("vence_en").toString(), Qt::ISODateWithMs), createdB.addSecs(24 * 3600));

        const HttpReply read = admin.http->get("/tickets/" + a.value("id").toString());
        QCOMPARE(read.header("ETag"), QByteArray("\"1\""));
        QCOMPARE(read.object(), a);
        // The cached answer carries the same ETag.
        QCOMPARE(admin.http->get("/tickets/" + a.value("id").toString()).header("ETag"), QByteArray("\"1\""));
        // The requester reads it (not from the cache) with its ETag too.
        QCOMPARE(cliente.http->get("/tickets/" + a.value("id").toString()).header("ETag"), QByteArray("\"1\""));
        // #n finds ticket number n, and numero= too.
        const QString numero = QString::number(a.value("numero").toInteger());
        QCOMPARE(idsOf(admin.http->get("/tickets?q=%23" + numero).array()), QStringList{a.value("id").toString()});
        QCOMPARE(idsOf(admin.http->get("/tickets?numero=" + numero).array()), QStringList{a.value("id").toString()});
    }

    void editsBumpTheVersionAndWriteHistory()
    {
        const QString id = newTicket("media", "Impresora");
        const HttpReply edited = patchJson(
            *ana.http, "/tickets/" + id,
            QJsonObject{{"prioridad", "alta"}, {"titulo", "Impresora de la planta 2"}, {"asignado_a", ana.id}});
        QCOMPARE(edited.status, 200);
        const QJsonObject t = edited.object();
        QCOMPARE(t.value("version").toInteger(), 2);
        QCOMPARE(edited.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(t.value("prioridad").toString(), QStringLiteral("alta"));
        QCOMPARE(t.value("asignado_a").toString(), ana.id);
        const QDateTime created = QDateTime::fromString(t.value("fecha_creacion").toString(), Qt::ISODateWithMs);
        QCOMPARE(QDateTime::fromString(t.value("vence_en").toString(), Qt::ISODateWithMs), created.addSecs(8 * 3600));
        QCOMPARE(ticket(id), t); // what a reader sees now (the cached copy was invalidated)

        const QJsonArray history = admin.http->get("/tickets/" + id + "/historial").array();
        QCOMPARE(history.size(), 3);
        QSet<QString> campos;
        for (const QJsonValue &row : history) {
            const QJsonObject change = row.toObject();
            campos << change.value("campo").toString();
            QCOMPARE(change.value("usuario_id").toString(), ana.id);
            if (change.value("campo") == "prioridad") {
                QCOMPARE(change.value("anterior").toString(), QStringLiteral("media"));
                QCOMPARE(change.value("nuevo").toString(), QStringLiteral("alta"));
            } else if (change.value("campo") == "asignado_a") {
                QVERIFY(change.value("anterior").isNull());
                QCOMPARE(change.value("nuevo").toString(), ana.id);
            } else {
                QCOMPARE(change.value("anterior").toString(), QStringLiteral("Impresora"));
            }
        }
        QCOMPARE(campos, (QSet<QString>{"prioridad", "asignado_a", "titulo"}));
        QCOMPARE(f->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE payload LIKE '%%ticket_actualizado%%%1%%"
                                            "\"campos\": [\"prioridad\",\"asignado_a\",\"titulo\"]%%'")
                                 .arg(id))
                     .toInt(),
                 1);

        // The same values again: no change, no version, no history, no event.
        const int eventsBefore = events("ticket_actualizado", id);
        const HttpReply same =
            patchJson(*beto.http, "/tickets/" + id, QJsonObject{{"prioridad", "alta"}, {"asignado_a", ana.id}});
        QCOMPARE(same.status, 200);
        QCOMPARE(same.object().value("version").toInteger(), 2);
        QCOMPARE(historyRows(id), 3);
        QCOMPARE(events("ticket_actualizado", id), eventsBefore);

        // null unassigns; the history says from whom.
        const HttpReply unassigned = patchJson(*beto.http, "/tickets/" + id, QJsonObject{{"asignado_a", QJsonValue()}});
        QCOMPARE(unassigned.status, 200);
        QVERIFY(unassigned.object().value("asignado_a").isNull());
        const QJsonObject newest = admin.http->get("/tickets/" + id + "/historial").array().first().toObject();
        QCOMPARE(newest.value("campo").toString(), QStringLiteral("asignado_a"));
        QCOMPARE(newest.value("anterior").toString(), ana.id);
        QVERIFY(newest.value("nuevo").isNull());
        QCOMPARE(newest.value("usuario_id").toString(), beto.id);
    }

    void ifMatchStopsLostUpdates()
    {
        const QString id = newTicket();
        // Both agents read version 1.
        const QByteArray etag = ana.http->get("/tickets/" + id).header("ETag");
        QCOMPARE(beto.http->get("/tickets/" + id).header("ETag"), etag);
        QCOMPARE(patchJson(*ana.http, "/tickets/" + id, QJsonObject{{"prioridad", "critica"}}, etag).status, 200);
        const HttpReply late = patchJson(*beto.http, "/tickets/" + id, QJsonObject{{"prioridad", "baja"}}, etag);
        QCOMPARE(late.status, 412);
        QCOMPARE(late.object().value("detail").toString(), QStringLiteral("El ticket ha cambiado desde que lo leíste"));
        QCOMPARE(ticket(id).value("prioridad").toString(), QStringLiteral("critica"));
        QCOMPARE(historyRows(id), 1);

        // The state change honours If-Match the same way.
        const QString estado = QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso").arg(id);
        QCOMPARE(beto.http->send("PATCH", estado, {}, {{"If-Match", etag}}).status, 412);
        QCOMPARE(ticket(id).value("estado").toString(), QStringLiteral("abierto"));
        QCOMPARE(beto.http->send("PATCH", estado, {}, {{"If-Match", "\"2\""}}).status, 200);
        const QJsonObject moved = ticket(id);
        QCOMPARE(moved.value("estado").toString(), QStringLiteral("en_proceso"));
        QCOMPARE(moved.value("version").toInteger(), 3);
        const QJsonObject change = admin.http->get("/tickets/" + id + "/historial").array().first().toObject();
        QCOMPARE(change.value("campo").toString(), QStringLiteral("estado"));
        QCOMPARE(change.value("anterior").toString(), QStringLiteral("abierto"));
        QCOMPARE(change.value("nuevo").toString(), QStringLiteral("en_proceso"));
        // Without If-Match the change applies (the contract's clients send none).
        QCOMPARE(beto.http->send("PATCH", QStringLiteral("/tickets/%1/estado?nuevo_estado=resuelto").arg(id)).status,
                 200);
        QVERIFY(ticket(id).value("vence_en").isNull()); // no due time while resuelto
        QCOMPARE(beto.http->send("PATCH", QStringLiteral("/tickets/%1/estado?nuevo_estado=abierto").arg(id)).status,
                 200);
        const QJsonObject reopened = ticket(id);
        const QDateTime created = QDateTime::fromString(reopened.value("fecha_creacion").toString(), Qt::ISODateWithMs);
        QCOMPARE(QDateTime::fromString(reopened.value("vence_en").toString(), Qt::ISODateWithMs), created.addSecs(2));
        QCOMPARE(reopened.value("version").toInteger(), 5);
    }

    void onlyStaffEditAndOnlyActiveStaffOwn()
    {
        const QString id = newTicket();
        const HttpReply refused = patchJson(*cliente.http, "/tickets/" + id, QJsonObject{{"titulo", "mío"}});
        QCOMPARE(refused.status, 403);
        for (const QString &owner : {cliente.id, inactivo, QUuid::createUuid().toString(QUuid::WithoutBraces)}) {
            const HttpReply bad = patchJson(*ana.http, "/tickets/" + id, QJsonObject{{"asignado_a", owner}});
            QCOMPARE(bad.status, 422);
            const QJsonObject error = errorAt(bad.object().value("detail"), QJsonArray{"body", "asignado_a"});
            QCOMPARE(error.value("type").toString(), QStringLiteral("value_error"));
        }
        const HttpReply invalid =
            patchJson(*ana.http, "/tickets/" + id, QJsonObject{{"prioridad", "urgente"}, {"titulo", ""}});
        QCOMPARE(invalid.status, 422);
        QCOMPARE(invalid.object().value("detail").toArray().size(), 2);
        QCOMPARE(patchJson(*ana.http, "/tickets/" + QUuid::createUuid().toString(QUuid::WithoutBraces),
                           QJsonObject{{"titulo", "x"}})
                     .status,
                 404);
        QCOMPARE(ticket(id).value("version").toInteger(), 1);
        QCOMPARE(historyRows(id), 0);
        // The requester sees their ticket's history; nobody else's.
        QCOMPARE(cliente.http->get("/tickets/" + id + "/historial").status, 200);
        const HttpReply other = admin.http->post(
            "/tickets", QJsonObject{{"usuario_id", ana.id}, {"titulo", "de Ana"}, {"descripcion", "d"}});
        QCOMPARE(cliente.http->get("/tickets/" + other.object().value("id").toString() + "/historial").status, 404);
        QCOMPARE(
            admin.http->get("/tickets/" + QUuid::createUuid().toString(QUuid::WithoutBraces) + "/historial").status,
            404);
    }

    void concurrentAssignmentsLeaveOneConsistentOwner()
    {
        const QString id = newTicket();
        const QStringList owners{ana.id, beto.id, admin.id};
        const QStringList emails{"ana@equipo.example", "beto@equipo.example", kAdminEmail};
        QList<QThread *> threads;
        QList<int> statuses(50, 0);
        for (int t = 0; t < 10; ++t) {
            const QByteArray token = f->login(emails[t % 3], kPassword);
            threads << QThread::create([&, t, token] {
                HttpClient client(f->server().url());
                client.setToken(token);
                for (int n = 0; n < 5; ++n) {
                    const int i = t * 5 + n;
                    statuses[i] =
                        patchJson(client, "/tickets/" + id, QJsonObject{{"asignado_a", owners[i % 3]}}).status;
                }
            });
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QCOMPARE(statuses, QList<int>(50, 200));
        // Every history row starts where the one before ended; the owner is the last one's, and
        // the version counts them.
        QJsonArray history = admin.http->get("/tickets/" + id + "/historial").array();
        QVERIFY(!history.isEmpty());
        QString owner; // none at first
        for (qsizetype i = history.size() - 1; i >= 0; --i) {
            const QJsonObject change = history[i].toObject();
            QCOMPARE(change.value("campo").toString(), QStringLiteral("asignado_a"));
            QCOMPARE(change.value("anterior").toString(), owner);
            QVERIFY(change.value("nuevo").toString() != owner);
            owner = change.value("nuevo").toString();
        }
        const QJsonObject final = ticket(id);
        QCOMPARE(final.value("asignado_a").toString(), owner);
        QCOMPARE(final.value("version").toInteger(), 1 + history.size());

        // The same version named by 20 agents at once: exactly one edit wins.
        const QByteArray etag = admin.http->get("/tickets/" + id).header("ETag");
        QList<int> racing(20, 0);
        threads.clear();
        for (int t = 0; t < 10; ++t) {
            const QByteArray token = f->login(emails[t % 3], kPassword);
            threads << QThread::create([&, t, token] {
                HttpClient client(f->server().url());
                client.setToken(token);
                for (int n = 0; n < 2; ++n)
                    racing[t * 2 + n] =
                        patchJson(client, "/tickets/" + id,
                                  QJsonObject{{"titulo", QStringLiteral("título %1").arg(t * 2 + n)}}, etag)
                            .status;
            });
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QCOMPARE(racing.count(200), 1);
        QCOMPARE(racing.count(412), 19);
        QCOMPARE(ticket(id).value("version").toInteger(), 2 + history.size());
    }

    void filtersAndCountsMatchExactSets()
    {
        // A database of its own, so that the sets are exact.
        ApiFixture g(QStringLiteral("tst_team_filtros"), {{"REDIS_PORT", redis->portText()}});
        QVERIFY(g.start());
        const QString requester = g.createUsuario("c@filtros.example");
        const QString agentA = g.createUsuario("a@filtros.example", "soporte");
        const QString agentB = g.createUsuario("b@filtros.example", "soporte");
        struct Row
        {
            QString id, estado, prioridad, owner;
        };
        QList<Row> rows;
        const QStringList estados{"abierto", "en_proceso", "resuelto", "cerrado"};
        const QStringList prioridades{"baja", "media", "alta", "critica"};
        for (int i = 0; i < 24; ++i) {
            Row row{g.createTicket(requester, QStringLiteral("f%1").arg(i), prioridades[i % 4]), estados[(i / 4) % 4],
                    prioridades[i % 4], i % 3 == 0 ? agentA : (i % 3 == 1 ? agentB : QString())};
            if (row.estado != "abierto")
                QCOMPARE(g.http()
                             .patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=%2&usuario_id=%3")
                                        .arg(row.id, row.estado, agentA))
                             .status,
                         200);
            if (!row.owner.isEmpty())
                QCOMPARE(patchJson(g.http(), "/tickets/" + row.id, QJsonObject{{"asignado_a", row.owner}}).status, 200);
            rows << row;
        }
        auto expect = [&](const QString &query, const std::function<bool(const Row &)> &keep) {
            QStringList wanted;
            for (const Row &row : rows) {
                if (keep(row))
                    wanted << row.id;
            }
            const HttpReply all = g.http().get("/tickets?limit=1000&" + query);
            QCOMPARE(all.status, 200);
            QStringList got = idsOf(all.array());
            std::sort(got.begin(), got.end());
            std::sort(wanted.begin(), wanted.end());
            QCOMPARE(got, wanted);
            // A page too short to end the list makes the server count: the count must be exact too.
            const HttpReply counted = g.http().get("/tickets?limit=1&" + query);
            QCOMPARE(counted.header("X-Total-Count").toLongLong(), wanted.size());
        };
        expect("estado=abierto,en_proceso",
               [](const Row &r) { return r.estado == "abierto" || r.estado == "en_proceso"; });
        expect("prioridad=alta,critica&estado=resuelto", [](const Row &r) {
            return (r.prioridad == "alta" || r.prioridad == "critica") && r.estado == "resuelto";
        });
        expect("asignado_a=ninguno", [](const Row &r) { return r.owner.isEmpty(); });
        expect("asignado_a=ninguno&estado=abierto",
               [](const Row &r) { return r.owner.isEmpty() && r.estado == "abierto"; });
        expect("asignado_a=" + agentA, [&](const Row &r) { return r.owner == agentA; });
        expect("asignado_a=" + agentB + "&prioridad=media",
               [&](const Row &r) { return r.owner == agentB && r.prioridad == "media"; });
        expect("vencidos=true", [](const Row &) { return false; }); // nothing is due for 4 hours
        const QJsonObject resumen = g.http().get("/tickets/resumen").object();
        QCOMPARE(resumen.value("total").toInteger(), rows.size());
        QCOMPARE(resumen.value("sin_asignar").toInteger(), std::count_if(rows.begin(), rows.end(), [](const Row &r) {
                     return r.owner.isEmpty() && (r.estado == "abierto" || r.estado == "en_proceso");
                 }));
        QCOMPARE(resumen.value("vencidos").toInteger(), 0);
        QVERIFY(!resumen.contains("mios")); // no token: nobody to count for
        // asignado_a=yo needs to know who asks.
        const HttpReply yo = g.http().get("/tickets?asignado_a=yo");
        QCOMPARE(yo.status, 422);
        QVERIFY(!errorAt(yo.object().value("detail"), QJsonArray{"query", "asignado_a"}).isEmpty());
        QCOMPARE(g.http().get("/tickets?estado=abierto,pendiente").status, 422);
        QCOMPARE(g.http().get("/tickets?asignado_a=alguien").status, 422);
        QCOMPARE(g.http().get("/tickets?orden=titulo").status, 422);
    }

    void mineAndOverdueWithAToken()
    {
        const QString mine = newTicket();
        QCOMPARE(patchJson(*ana.http, "/tickets/" + mine, QJsonObject{{"asignado_a", ana.id}}).status, 200);
        const QJsonObject resumen = ana.http->get("/tickets/resumen").object();
        const qint64 expected =
            f->db()
                .scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE asignado_a = '%1' AND estado IN "
                                       "('abierto', 'en_proceso')")
                            .arg(ana.id))
                .toLongLong();
        QVERIFY(expected >= 1);
        QCOMPARE(resumen.value("mios").toInteger(), expected);
        const QStringList listed = allPages("asignado_a=yo&estado=abierto,en_proceso", 3, ana.http.get());
        QCOMPARE(listed.size(), expected);
        QVERIFY(listed.contains(mine));
    }

    void everyOrderPagesToTheEnd()
    {
        // Several tickets per priority, some updated later, some without a due time.
        QStringList made;
        for (int i = 0; i < 9; ++i)
            made << newTicket(QStringList{"baja", "media", "alta", "critica"}[i % 4], QStringLiteral("o%1").arg(i));
        QCOMPARE(
            admin.http->send("PATCH", QStringLiteral("/tickets/%1/estado?nuevo_estado=cerrado").arg(made[2])).status,
            200);
        QCOMPARE(patchJson(*ana.http, "/tickets/" + made[0], QJsonObject{{"titulo", "tocado"}}).status, 200);

        const qint64 total = f->db().scalar("SELECT count(*) FROM tickets").toLongLong();
        const QList<QPair<QString, QString>> orders{
            {"-fecha_creacion", "fecha_creacion DESC, id DESC"},
            {"fecha_creacion", "fecha_creacion, id"},
            {"-fecha_actualizacion", "fecha_actualizacion DESC, id DESC"},
            {"fecha_actualizacion", "fecha_actualizacion, id"},
            {"-prioridad", "tickets_rango_prioridad(prioridad) DESC, numero DESC"},
            {"prioridad", "tickets_rango_prioridad(prioridad), numero"},
            {"vence_en", "vence_en NULLS LAST, id"},
        };
        for (const auto &[orden, sql] : orders) {
            const QStringList paged = allPages("orden=" + orden, 4);
            QCOMPARE(paged.size(), total);
            QCOMPARE(QSet<QString>(paged.begin(), paged.end()).size(), total); // no repeats
            // The order the database gives for the same rule.
            QStringList expected;
            const QVariantList column = f->db().column("SELECT id FROM tickets ORDER BY " + sql);
            for (const QVariant &v : column)
                expected << v.toString();
            QCOMPARE(paged, expected);
            // skip pages the same order.
            QCOMPARE(idsOf(admin.http->get("/tickets?limit=3&skip=2&orden=" + orden).array()), expected.mid(2, 3));
        }
        // A cursor resumes only its own order.
        const QByteArray cursor = admin.http->get("/tickets?limit=2&orden=prioridad").header("X-Next-Cursor");
        QVERIFY(!cursor.isEmpty());
        QCOMPARE(admin.http->get("/tickets?limit=2&orden=vence_en&cursor=" + QString::fromLatin1(cursor)).status, 422);
        QCOMPARE(admin.http->get("/tickets?limit=2&cursor=" + QString::fromLatin1(cursor)).status, 422);
        QCOMPARE(admin.http->get("/usuarios?limit=2&cursor=" + QString::fromLatin1(cursor)).status, 422);
    }

    void overdueTicketsAreAnnouncedOnce_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("one worker") << 1;
        QTest::newRow("two workers") << 2;
    }

    void overdueTicketsAreAnnouncedOnce()
    {
        QFETCH(int, workers);
        const QString owned = newTicket("critica", "Servidor caído");
        const QString nobodys = newTicket("critica", "Correo caído");
        const QString later = newTicket("media", "Una duda");
        QCOMPARE(patchJson(*ana.http, "/tickets/" + owned, QJsonObject{{"asignado_a", ana.id}}).status, 200);
        std::vector<std::unique_ptr<WorkerProcess>> running;
        for (int i = 0; i < workers; ++i)
            running.push_back(std::make_unique<WorkerProcess>(f->db().url(), redis->port(),
                                                              QMap<QString, QString>{{"TICKETS_SLA_REVISION_S", "1"}}));

        // Due 2 s after creation; the worker looks every second.
        QDeadlineTimer deadline(20000);
        while ((events("ticket_vencido", owned) == 0 || events("ticket_vencido", nobodys) == 0) &&
               !deadline.hasExpired())
            QTest::qWait(200);
        QTest::qWait(3000); // time for a second announcement, were there one
        QCOMPARE(events("ticket_vencido", owned), 1);
        QCOMPARE(events("ticket_vencido", nobodys), 1);
        QCOMPARE(events("ticket_vencido", later), 0);
        auto notices = [&](const QString &ticketId) {
            return f->db().column(
                QStringLiteral("SELECT destinatario_id FROM notificaciones WHERE ticket_id = '%1' AND "
                               "motivo = 'ticket_vencido' ORDER BY destinatario_id")
                    .arg(ticketId));
        };
        QCOMPARE(notices(owned), QVariantList{ana.id});
        QStringList staff{admin.id, ana.id, beto.id};
        std::sort(staff.begin(), staff.end());
        QVariantList everyStaff;
        for (const QString &id : staff)
            everyStaff << id;
        QCOMPARE(notices(nobodys), everyStaff); // the inactive agent gets none
        // The assignee reads it among their notifications.
        const QJsonArray anas = ana.http->get("/notificaciones?usuario_id=" + ana.id).array();
        QVERIFY(std::any_of(anas.begin(), anas.end(), [&](const QJsonValue &n) {
            return n.toObject().value("ticket_id").toString() == owned &&
                   n.toObject().value("mensaje").toString().contains("vencido");
        }));
        const QStringList overdue = idsOf(admin.http->get("/tickets?vencidos=true&limit=1000").array());
        QVERIFY(overdue.contains(owned) && overdue.contains(nobodys) && !overdue.contains(later));
        QVERIFY(admin.http->get("/tickets/resumen").object().value("vencidos").toInteger() >= 2);

        // Resolved, it is no longer due; reopened, it is due again and announced again, once.
        QCOMPARE(ana.http->send("PATCH", QStringLiteral("/tickets/%1/estado?nuevo_estado=resuelto").arg(owned)).status,
                 200);
        QVERIFY(!idsOf(admin.http->get("/tickets?vencidos=true&limit=1000").array()).contains(owned));
        QCOMPARE(ana.http->send("PATCH", QStringLiteral("/tickets/%1/estado?nuevo_estado=abierto").arg(owned)).status,
                 200);
        deadline.setRemainingTime(20000);
        while (events("ticket_vencido", owned) < 2 && !deadline.hasExpired())
            QTest::qWait(200);
        QTest::qWait(2500);
        QCOMPARE(events("ticket_vencido", owned), 2);
        for (auto &worker : running)
            QCOMPARE(worker->terminate(), 0);
    }

    void cleanupTestCase() { f.reset(); }
};

QTEST_GUILESS_MAIN(TestTeam)
#include "tst_team.moc"
