// TimelineModel in-process: one ticket's interactions newest first, with who wrote them and
// internal notes marked, an entry the client just wrote shown at once, and a reload by itself
// when the live feed says the ticket changed.

#include "ClientFixtures.h"
#include "core/TimelineModel.h"
#include "core/UsuarioDirectory.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

namespace {
QString interaccionesOf(int n)
{
    return QStringLiteral("/tickets/") + fx::text(fx::ticket(n)) + QStringLiteral("/interacciones");
}
} // namespace

class TestClientTimeline : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;
    std::unique_ptr<UsuarioDirectory> directory;
    std::unique_ptr<TimelineModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;

    QString contenidoAt(int row) const { return model->index(row).data(TimelineModel::ContenidoRole).toString(); }

private Q_SLOTS:
    void init()
    {
        rig = std::make_unique<ClientRig>();
        directory = std::make_unique<UsuarioDirectory>(rig->api);
        directory->add(Usuario{fx::ana, {}, QStringLiteral("Ana García"), Rol::Soporte, true, {}});
        directory->add(Usuario{fx::marta, {}, QStringLiteral("Marta Ruiz"), Rol::Usuario, true, {}});
        model = std::make_unique<TimelineModel>(rig->api, &rig->live, directory.get());
        tester = std::make_unique<QAbstractItemModelTester>(model.get(),
                                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        tester.reset();
        model.reset();
        directory.reset();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void aTicketsHistoryNewestFirst()
    {
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5");
        QSignalSpy loaded(model.get(), &TimelineModel::loaded);
        model->setTicket(fx::ticket(5));
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(rig->transport.last().pathAndQuery, interaccionesOf(5) + QStringLiteral("?limit=1000"));
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(contenidoAt(0), QStringLiteral("Pedir tóner nuevo al proveedor"));
        QVERIFY(model->index(0).data(TimelineModel::InternaRole).toBool());
        QCOMPARE(model->index(0).data(TimelineModel::TipoRole).toInt(), int(TipoInteraccion::NotaInterna));
        QCOMPARE(model->index(1).data(TimelineModel::TipoRole).toInt(), int(TipoInteraccion::CambioEstado));
        QVERIFY(!model->index(1).data(TimelineModel::InternaRole).toBool());
        QCOMPARE(model->index(0).data(TimelineModel::AutorRole).toString(), QStringLiteral("Ana García"));
        // Written by staff on the requester's behalf: the requester is the author, the tooltip says who.
        QCOMPARE(model->index(2).data(TimelineModel::AutorRole).toString(), QStringLiteral("Marta Ruiz"));
        QCOMPARE(model->index(2).data(Qt::ToolTipRole).toString(), QStringLiteral("Registrado por Ana García"));
        QVERIFY(model->index(0).data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(
            model->index(2).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Comentario · Marta Ruiz · ")));
        QVERIFY(model->index(2)
                    .data(Qt::DisplayRole)
                    .toString()
                    .endsWith(QStringLiteral("\nYa lo he reiniciado y sigue igual")));
    }

    void anotherTicketReplacesTheRowsAndNoneEmptiesThem()
    {
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5");
        rig->transport.on("GET", interaccionesOf(4), FixtureReply::json(200, QJsonArray{}));
        model->setTicket(fx::ticket(5));
        QTRY_COMPARE(model->rowCount(), 3);
        model->setTicket(fx::ticket(4));
        QCOMPARE(model->rowCount(), 0); // at once: never another ticket's history under this one
        QTRY_COMPARE(rig->transport.requests().size(), 2);
        model->setTicket({});
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(rig->transport.requests().size(), 2); // nothing to ask for
    }

    void aLateAnswerForThePreviousTicketIsDropped()
    {
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5");
        rig->transport.on("GET", interaccionesOf(4), FixtureReply::json(200, QJsonArray{}));
        rig->transport.hold(true);
        model->setTicket(fx::ticket(5));
        model->setTicket(fx::ticket(4));
        rig->transport.release(1);
        rig->transport.release(0);
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(model->ticketId(), fx::ticket(4));
    }

    void whatTheClientWroteShowsAtOnceAndOnce()
    {
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5");
        model->setTicket(fx::ticket(5));
        QTRY_COMPARE(model->rowCount(), 3);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        const auto written = Interaccion::fromJson(FixtureReply::load("interaccion_creada").object());
        QVERIFY(written);
        model->prepend(*written);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(contenidoAt(0), QStringLiteral("Gracias, quedo atento"));
        model->prepend(*written); // the reload may already have it: no second copy
        QCOMPARE(model->rowCount(), 4);
    }

    void aChangeToTheTicketReloadsIt()
    {
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5");
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5_despues");
        model->setTicket(fx::ticket(5));
        QTRY_COMPARE(model->rowCount(), 3);
        Q_EMIT rig->live.eventReceived(
            fx::withSeq(events::Event::interaccionCreada(fx::ticket(5), 4, "comentario"), 50));
        QTRY_COMPARE(model->rowCount(), 4);
        QCOMPARE(contenidoAt(0), QStringLiteral("Tóner pedido, llega mañana"));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(5), "resuelto"), 51));
        QTRY_COMPARE(rig->transport.requests().size(), 3);
    }

    void eventsAboutOtherTicketsOrNoTimelineAskNothing()
    {
        rig->transport.on("GET", interaccionesOf(5), "interacciones_5");
        model->setTicket(fx::ticket(5));
        QTRY_COMPARE(model->rowCount(), 3);
        Q_EMIT rig->live.eventReceived(
            fx::withSeq(events::Event::interaccionCreada(fx::ticket(4), 9, "comentario"), 50));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 51));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::notificacionCreada(3, fx::ana, fx::ticket(5)), 52));
        QTest::qWait(10);
        QCOMPARE(rig->transport.requests().size(), 1);
    }

    void aFailedLoadIsSaid()
    {
        rig->transport.on("GET", interaccionesOf(5), "ticket_not_found");
        QSignalSpy failed(model.get(), &TimelineModel::loadFailed);
        model->setTicket(fx::ticket(5));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<ApiError>().message, QStringLiteral("Ticket no encontrado"));
        QCOMPARE(model->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClientTimeline)
#include "tst_client_timeline.moc"
