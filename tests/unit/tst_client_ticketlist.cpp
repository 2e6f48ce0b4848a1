// TicketListModel in-process: pages as the view scrolls, filters as the query string, what a
// row shows, and live events that insert, update and remove single rows (never a reset), with
// QAbstractItemModelTester watching every change.

#include "ClientFixtures.h"
#include "core/TicketListModel.h"
#include "core/UsuarioDirectory.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

namespace {
const QString page1 = QStringLiteral("/tickets?skip=0&limit=3");
const QString page2 = QStringLiteral("/tickets?skip=3&limit=3");
const QString abiertos = QStringLiteral("/tickets?skip=0&limit=3&estado=abierto");

QString ticketPath(int n)
{
    return QStringLiteral("/tickets/") + fx::text(fx::ticket(n));
}
} // namespace

class TestClientTicketList : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;
    std::unique_ptr<UsuarioDirectory> directory;
    std::unique_ptr<TicketListModel> model;

    QString titleAt(int row) const { return model->index(row, TicketListModel::Titulo).data().toString(); }
    QString cell(int row, int column) const { return model->index(row, column).data().toString(); }

    // The model with its first page shown, and a tester that checks every change from then on.
    // The tester calls fetchMore after each change, so it goes with lists that fit one page.
    std::unique_ptr<QAbstractItemModelTester> loaded(const TicketQuery &query = {})
    {
        model->setQuery(query);
        if (!QTest::qWaitFor([this] { return model->rowCount() > 0 && !model->isLoading(); }, 2000))
            qFatal("the first page never came");
        return std::make_unique<QAbstractItemModelTester>(model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

private Q_SLOTS:
    void init()
    {
        rig = std::make_unique<ClientRig>();
        directory = std::make_unique<UsuarioDirectory>(rig->api);
        directory->add(Usuario{
            fx::marta, QStringLiteral("marta.ruiz@example.com"), QStringLiteral("Marta Ruiz"), Rol::Usuario, true, {}});
        model = std::make_unique<TicketListModel>(rig->api, &rig->live, directory.get());
        model->setPageSize(3);
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        // Newest first: each holds a reference to the ones made before it.
        model.reset();
        directory.reset();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void pagesArriveAsTheViewScrolls()
    {
        rig->transport.on("GET", page1, "tickets_page_1");
        rig->transport.on("GET", page2, "tickets_page_2");
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy pages(model.get(), &TicketListModel::pageLoaded);
        model->setQuery({});
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(model->total(), 5);
        QVERIFY(model->canFetchMore({}));
        QCOMPARE(titleAt(0), QStringLiteral("La impresora no imprime")); // newest first, as served

        model->fetchMore({});
        model->fetchMore({}); // the view asks again while the page is on its way: one request
        QVERIFY(!model->canFetchMore({}));
        QTRY_COMPARE(model->rowCount(), 5);
        QCOMPARE(rig->transport.requestsTo("GET", "/tickets").size(), 2);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3); // the second page goes below the first
        QCOMPARE(inserted.at(1).at(2).toInt(), 4);
        QCOMPARE(titleAt(4), QStringLiteral("Teclado roto"));
        QVERIFY(!model->canFetchMore({}));
        model->fetchMore({}); // nothing left: nothing asked
        QCOMPARE(rig->transport.requestsTo("GET", "/tickets").size(), 2);
        QCOMPARE(pages.size(), 2);
        QCOMPARE(pages.at(1).at(0).toInt(), 5);
    }

    // Issue 14: once the server gives a cursor, the next page follows it instead of skip, so
    // rows that arrive meanwhile neither shift nor repeat the pages.
    void laterPagesFollowTheServersCursor()
    {
        rig->transport.on("GET", page1, "tickets_page_1_cursor");
        const QString next = QStringLiteral(
            "/tickets?cursor=YzE6MTc3MDI3ODQwMDAwMDAwMDpiMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDM&limit=3");
        rig->transport.on("GET", next, "tickets_page_2");
        model->setQuery({});
        QTRY_COMPARE(model->rowCount(), 3);
        model->fetchMore({});
        QTRY_COMPARE(model->rowCount(), 5);
        QCOMPARE(rig->transport.last().pathAndQuery, next);
        QCOMPARE(titleAt(4), QStringLiteral("Teclado roto"));
    }

    void aRowShowsWhatAPersonReads()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        QCOMPARE(model->columnCount(), int(TicketListModel::ColumnCount));
        QCOMPARE(model->headerData(TicketListModel::Solicitante, Qt::Horizontal).toString(),
                 QStringLiteral("Solicitante"));
        QCOMPARE(cell(0, TicketListModel::Titulo), QStringLiteral("La impresora no imprime"));
        QCOMPARE(cell(0, TicketListModel::Estado_), QStringLiteral("Abierto"));
        QCOMPARE(cell(0, TicketListModel::Prioridad_), QStringLiteral("Crítica"));
        QCOMPARE(cell(0, TicketListModel::Solicitante), QStringLiteral("Marta Ruiz"));
        QCOMPARE(
            cell(0, TicketListModel::Creado),
            QLocale().toString(QDateTime(QDate(2026, 2, 5), QTime(8, 0), Qt::UTC).toLocalTime(), "dd/MM/yyyy HH:mm"));
        QCOMPARE(model->index(0, TicketListModel::Titulo).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Atasca el papel en la bandeja 2"));
        QCOMPARE(model->index(0, 0).data(TicketListModel::IdRole).toUuid(), fx::ticket(5));
        QCOMPARE(model->index(0, 0).data(TicketListModel::PrioridadRole).toInt(), int(Prioridad::Critica));
        // Columns sort by value, not by label: "Crítica" sorts above "Alta" only by its rank.
        QCOMPARE(model->index(0, TicketListModel::Prioridad_).data(TicketListModel::SortRole).toInt(),
                 int(Prioridad::Critica));
        QVERIFY(model->index(0, TicketListModel::Creado).data(TicketListModel::SortRole).toLongLong() >
                model->index(1, TicketListModel::Creado).data(TicketListModel::SortRole).toLongLong());
    }

    void requestersWithoutANameShowAShortIdUntilTheDirectoryKnowsThem()
    {
        TicketListModel bare(rig->api);
        rig->transport.on("GET", "/tickets?skip=0&limit=100", "tickets_page_1");
        bare.setQuery({});
        QTRY_COMPARE(bare.rowCount(), 3);
        QCOMPARE(bare.index(0, TicketListModel::Solicitante).data().toString(), QStringLiteral("a0000000"));

        UsuarioDirectory empty(rig->api);
        TicketListModel named(rig->api, nullptr, &empty);
        named.setQuery({});
        QTRY_COMPARE(named.rowCount(), 3);
        QCOMPARE(named.index(0, TicketListModel::Solicitante).data().toString(), QStringLiteral("a0000000"));
        QSignalSpy changed(&named, &QAbstractItemModel::dataChanged);
        empty.add(Usuario{fx::marta, {}, QStringLiteral("Marta Ruiz"), Rol::Usuario, true, {}});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(TicketListModel::Solicitante));
        QCOMPARE(named.index(0, TicketListModel::Solicitante).data().toString(), QStringLiteral("Marta Ruiz"));
    }

    void filtersBecomeTheQueryString()
    {
        rig->transport.on("GET", "/tickets", "tickets_empty");
        model->setPageSize(100);
        model->setQuery({Estado::Abierto, Prioridad::Critica, QStringLiteral(" impresora ")});
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(rig->transport.last().pathAndQuery,
                 QStringLiteral("/tickets?skip=0&limit=100&estado=abierto&prioridad=critica&q=impresora"));
        model->setQuery({std::nullopt, Prioridad::Baja, {}});
        QTRY_COMPARE(rig->transport.requests().size(), 2);
        QCOMPARE(rig->transport.last().pathAndQuery, QStringLiteral("/tickets?skip=0&limit=100&prioridad=baja"));
        QCOMPARE(model->query().prioridad, Prioridad::Baja);
    }

    void onlyTheLatestFiltersAreShown()
    {
        rig->transport.on("GET", "/tickets?skip=0&limit=3&estado=cerrado", "tickets_page_1");
        rig->transport.on("GET", "/tickets?skip=0&limit=3&q=nada", "tickets_empty");
        rig->transport.hold(true);
        model->setQuery({Estado::Cerrado, std::nullopt, {}});
        model->setQuery({std::nullopt, std::nullopt, QStringLiteral("nada")});
        QCOMPARE(rig->transport.pending(), 2);
        rig->transport.release(1); // the newer answer first...
        rig->transport.release(0); // ...then the older one, late
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(model->total(), 0);
    }

    void aReloadKeepsTheRowsUntilItsAnswer()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        rig->transport.hold(true);
        model->reload();
        QCOMPARE(model->rowCount(), 3); // no blank list while it asks
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        rig->transport.releaseAll();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model->rowCount(), 3);
    }

    void aFailedLoadSaysWhyAndKeepsWhatWasShown()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        rig->transport.on("GET", abiertos, "database_unavailable");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        QSignalSpy failed(model.get(), &TicketListModel::loadFailed);
        model->reload();
        QTRY_COMPARE(failed.size(), 1);
        const auto error = failed.at(0).at(0).value<ApiError>();
        QCOMPARE(error.kind, ApiError::Kind::Server);
        QCOMPARE(error.message, QStringLiteral("Base de datos no disponible"));
        QCOMPARE(model->rowCount(), 3);
    }

    void aNewTicketFromTheFeedAppearsOnTop()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        rig->transport.on("GET", ticketPath(6), "ticket_nuevo");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy total(model.get(), &TicketListModel::totalChanged);
        QSignalSpy fetched(model.get(), &TicketListModel::ticketFetched);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 41));
        QTRY_COMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 0);
        QCOMPARE(titleAt(0), QStringLiteral("Pantalla parpadea"));
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(total.last().at(0).toLongLong(), 4);
        QCOMPARE(fetched.size(), 1);
        QCOMPARE(reset.size(), 0);

        // The same ticket announced twice (the window created it and the feed says so): one row.
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 42));
        QTRY_COMPARE(fetched.size(), 2);
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->total(), 4);
    }

    void aNewTicketOutsideTheFiltersStaysOut()
    {
        rig->transport.on("GET", "/tickets?skip=0&limit=3&estado=cerrado", "tickets_abiertos");
        rig->transport.on("GET", ticketPath(6), "ticket_nuevo"); // abierto
        const auto tester = loaded({Estado::Cerrado, std::nullopt, {}});
        QSignalSpy fetched(model.get(), &TicketListModel::ticketFetched);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 41));
        QTRY_COMPARE(fetched.size(), 1); // the open detail still hears of it
        QCOMPARE(model->rowOf(fx::ticket(6)), -1);
        QCOMPARE(model->rowCount(), 3);
    }

    void aChangedTicketIsUpdatedInItsRow()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        rig->transport.on("GET", ticketPath(4), "ticket_4_prioridad_alta");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(4), "abierto"), 41));
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model->index(1, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model->index(1, TicketListModel::ColumnCount - 1));
        QCOMPARE(cell(1, TicketListModel::Prioridad_), QStringLiteral("Alta"));
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
    }

    void aCommentRefreshesItsTicketToo()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        rig->transport.on("GET", ticketPath(4), "ticket_4_prioridad_alta");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        Q_EMIT rig->live.eventReceived(
            fx::withSeq(events::Event::interaccionCreada(fx::ticket(4), 9, "comentario"), 41));
        QTRY_COMPARE(cell(1, TicketListModel::Prioridad_), QStringLiteral("Alta"));
        // Events about users or without a ticket ask nothing.
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::usuarioCreado(fx::pablo), 42));
        QTest::qWait(10);
        QCOMPARE(rig->transport.requestsTo("GET", ticketPath(4)).size(), 1);
        QCOMPARE(rig->transport.requests().size(), 2);
    }

    void aTicketThatLeavesTheFiltersLeavesTheList()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        rig->transport.on("GET", ticketPath(4), "ticket_4_en_proceso");
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(4), "en_proceso"), 41));
        QTRY_COMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 1);
        QCOMPARE(removed.at(0).at(2).toInt(), 1);
        QCOMPARE(model->rowOf(fx::ticket(4)), -1);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->total(), 2);
    }

    void aTicketThatNowMatchesTakesItsPlaceByDate()
    {
        rig->transport.on("GET", abiertos, "tickets_abiertos");
        rig->transport.on("GET", ticketPath(2), "ticket_2_reabierto"); // created before every row shown
        const auto tester = loaded({Estado::Abierto, std::nullopt, {}});
        QVERIFY(!model->canFetchMore({}));
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(2), "abierto"), 41));
        QTRY_COMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 3);
        QCOMPARE(titleAt(3), QStringLiteral("VPN se corta"));
        QCOMPARE(model->total(), 4);
    }

    void aTicketThatBelongsToAPageNotLoadedWaitsForIt()
    {
        rig->transport.on("GET", page1, "tickets_page_1");
        rig->transport.on("GET", ticketPath(2), "ticket_2_reabierto");
        model->setQuery({});
        QTRY_COMPARE(model->rowCount(), 3);
        QVERIFY(model->canFetchMore({}));
        QSignalSpy fetched(model.get(), &TicketListModel::ticketFetched);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(2), "abierto"), 41));
        QTRY_COMPARE(fetched.size(), 1);
        QCOMPARE(model->rowCount(), 3); // page 2 will bring it, once
        QCOMPARE(model->total(), 5);
    }

    void aChangeSeenDuringAReloadSurvivesIt()
    {
        rig->transport.on("GET", page1, "tickets_page_1");
        rig->transport.on("GET", ticketPath(4), "ticket_4_en_proceso");
        model->setQuery({});
        QTRY_COMPARE(model->rowCount(), 3);
        rig->transport.hold(true);
        model->reload(); // pending 0
        Q_EMIT rig->live.eventReceived(
            fx::withSeq(events::Event::ticketActualizado(fx::ticket(4), "en_proceso"), 41)); // pending 1
        QCOMPARE(rig->transport.pending(), 2);
        rig->transport.release(1); // the change lands first...
        QCOMPARE(cell(model->rowOf(fx::ticket(4)), TicketListModel::Estado_), QStringLiteral("En proceso"));
        rig->transport.release(0); // ...then the reload's answer, which predates it
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(cell(model->rowOf(fx::ticket(4)), TicketListModel::Estado_), QStringLiteral("En proceso"));
    }

    void withoutAFeedTheRowsStayAsLoaded()
    {
        TicketListModel still(rig->api); // no LiveEvents
        rig->transport.on("GET", "/tickets?skip=0&limit=100", "tickets_page_1");
        rig->transport.on("GET", ticketPath(6), "ticket_nuevo");
        still.setQuery({});
        QTRY_COMPARE(still.rowCount(), 3);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 41));
        // Only `model`, which follows the feed, asks for the new ticket.
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(rig->transport.requestsTo("GET", ticketPath(6)).size(), 1);
        QCOMPARE(still.rowCount(), 3);
    }
};

QTEST_GUILESS_MAIN(TestClientTicketList)
#include "tst_client_ticketlist.moc"
