// The desktop client's models against a real server: paging as the view scrolls, server-side
// filters, live inserts and updates from other clients, and catching up after a disconnect.

#include "ApiFixture.h"
#include "core/ApiClient.h"
#include "core/LiveEvents.h"
#include "core/TicketListModel.h"
#include "core/TimelineModel.h"

#include <QSignalSpy>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestDesktopModels : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_desktop_models"), {{"AUTH_REQUIRED", "true"}}};
    ApiClient api;
    QString usuarioId;

    void loggedIn(ApiClient &client, const QString &email, const QString &password)
    {
        client.setBaseUrl(f.server().url());
        client.setToken(f.login(email, password));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        QVERIFY(!f.bootstrapAdmin("admin@modelos.example", "admin-clave-larga").isEmpty());
        usuarioId = f.createUsuario("solicitante@modelos.example", "usuario", "Solicitante", "usuario-clave-larga");
        QVERIFY(!usuarioId.isEmpty());
        QVERIFY(!f.createUsuario("agente@modelos.example", "soporte", "Agente", "agente-clave-larga").isEmpty());
        // 250 tickets, a tenth of them closed, one about a printer.
        f.db().scalar(QStringLiteral("INSERT INTO tickets (usuario_id, titulo, descripcion, estado, fecha_creacion) "
                                     "SELECT '%1', 'Ticket ' || i, 'Descripción ' || i, "
                                     "CASE WHEN i % 10 = 0 THEN 'cerrado' ELSE 'abierto' END, "
                                     "now() - make_interval(mins => i) FROM generate_series(1, 250) i RETURNING 1")
                          .arg(usuarioId));
        QVERIFY(!f.createTicket(usuarioId, "La impresora atasca el papel").isEmpty());
        loggedIn(api, "agente@modelos.example", "agente-clave-larga");
    }

    void pagesLoadAsTheViewAsksForMore()
    {
        TicketListModel model(api);
        model.setPageSize(100);
        QSignalSpy pages(&model, &TicketListModel::pageLoaded);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 100);
        QCOMPARE(model.total(), 251);
        QVERIFY(model.canFetchMore({}));
        // Newest first, as the server lists them.
        QCOMPARE(model.data(model.index(0, TicketListModel::Titulo)).toString(),
                 QStringLiteral("La impresora atasca el papel"));
        model.fetchMore({});
        model.fetchMore({}); // a second call while loading must not load twice
        QTRY_COMPARE(model.rowCount(), 200);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 251);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(pages.size(), 3);
        QSet<QUuid> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.ticketAt(row)->id);
        QCOMPARE(ids.size(), 251);
    }

    void filtersGoToTheServer()
    {
        TicketListModel model(api);
        TicketQuery closed;
        closed.estado = Estado::Cerrado;
        model.setQuery(closed);
        QTRY_COMPARE(model.rowCount(), 25);
        QCOMPARE(model.total(), 25);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.ticketAt(row)->estado, Estado::Cerrado);
        TicketQuery search;
        search.texto = QStringLiteral("IMPRESORA");
        model.setQuery(search);
        QTRY_COMPARE(model.rowCount(), 1);
        QVERIFY(f.server().log().contains("q=IMPRESORA"));
        // A quick change of filters: only the last one's answer is shown.
        TicketQuery none;
        none.texto = QStringLiteral("no-existe-nada-así");
        model.setQuery(closed);
        model.setQuery(none);
        QTRY_VERIFY(!model.isLoading());
        QTest::qWait(200);
        QCOMPARE(model.rowCount(), 0);
    }

    void liveEventsInsertAndUpdateRows()
    {
        LiveEvents live(api);
        TicketListModel model(api, &live); // it follows the feed by itself
        TicketQuery open;
        open.estado = Estado::Abierto;
        model.setQuery(open);
        QTRY_VERIFY(model.rowCount() > 0);
        live.start();
        QTRY_COMPARE(live.state(), LiveEvents::State::Live);

        // Another client opens a ticket: it appears on top with no request from the user.
        const QString id = f.createTicket(usuarioId, "Creado por otro cliente");
        QTRY_COMPARE(model.data(model.index(0, TicketListModel::Titulo)).toString(),
                     QStringLiteral("Creado por otro cliente"));
        const qint64 total = model.total();
        // It moves on: with the "abierto" filter it leaves the list.
        QCOMPARE(f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso").arg(id)).status, 200);
        QTRY_VERIFY2(model.rowOf(QUuid::fromString(id)) == -1,
                     qPrintable(model.data(model.index(0, 0)).toString() + " | " +
                                model.data(model.index(1, 0)).toString() + " | " +
                                model.data(model.index(2, 0)).toString()));
        QCOMPARE(model.total(), total - 1);

        // Without a filter, the same change updates the row in place.
        model.setQuery({});
        QTRY_VERIFY(model.rowOf(QUuid::fromString(id)) >= 0);
        QCOMPARE(f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=resuelto").arg(id)).status, 200);
        QTRY_COMPARE(model.ticketAt(model.rowOf(QUuid::fromString(id)))->estado, Estado::Resuelto);
    }

    void missedEventsAreCaughtUpAfterAReconnect()
    {
        LiveEvents live(api);
        TicketListModel model(api, &live); // it follows the feed by itself
        model.setQuery({});
        QTRY_VERIFY(model.rowCount() > 0);
        live.start();
        QTRY_COMPARE(live.state(), LiveEvents::State::Live);
        f.createTicket(usuarioId, "Antes de desconectar");
        QTRY_VERIFY(live.lastSeq() > 0);

        live.stop(); // the feed goes away; two tickets are opened meanwhile
        const QString first = f.createTicket(usuarioId, "Mientras tanto 1");
        const QString second = f.createTicket(usuarioId, "Mientras tanto 2");
        QTest::qWait(300);
        QCOMPARE(model.rowOf(QUuid::fromString(first)), -1);
        QSignalSpy resync(&live, &LiveEvents::resyncNeeded);
        live.start(); // back: GET /eventos?since= brings them
        QTRY_VERIFY(model.rowOf(QUuid::fromString(first)) >= 0);
        QTRY_VERIFY(model.rowOf(QUuid::fromString(second)) >= 0);
        QCOMPARE(resync.size(), 0);

        // Too far behind to catch up event by event: the views are told to reload.
        live.setCatchUpLimit(3);
        live.stop();
        for (int i = 0; i < 4; ++i)
            f.createTicket(usuarioId, QStringLiteral("Lejos %1").arg(i));
        live.start();
        QTRY_COMPARE(resync.size(), 1);
    }

    void theTimelineHidesNothingFromStaffAndMarksInternalNotes()
    {
        const QString ticket = f.createTicket(usuarioId, "Con historial");
        QCOMPARE(f.http().post("/interacciones", QJsonObject{{"ticket_id", ticket}, {"contenido", "Primero"}}).status,
                 200);
        QCOMPARE(f.http()
                     .post("/interacciones",
                           QJsonObject{{"ticket_id", ticket}, {"tipo", "nota_interna"}, {"contenido", "Ojo"}})
                     .status,
                 200);
        TimelineModel staff(api);
        staff.setTicket(QUuid::fromString(ticket));
        QTRY_COMPARE(staff.rowCount(), 2);
        QCOMPARE(staff.data(staff.index(0), TimelineModel::ContenidoRole).toString(),
                 QStringLiteral("Ojo")); // newest first
        QVERIFY(staff.data(staff.index(0), TimelineModel::InternaRole).toBool());
        QVERIFY(!staff.data(staff.index(1), TimelineModel::InternaRole).toBool());

        ApiClient owner;
        loggedIn(owner, "solicitante@modelos.example", "usuario-clave-larga");
        TimelineModel own(owner);
        own.setTicket(QUuid::fromString(ticket));
        QTRY_COMPARE(own.rowCount(), 1);
        QCOMPARE(own.data(own.index(0), TimelineModel::ContenidoRole).toString(), QStringLiteral("Primero"));
    }
};

QTEST_MAIN(TestDesktopModels)
#include "tst_desktop_models.moc"
