// UsuarioListModel and UsuarioDirectory in-process: the users table with its activo filter,
// a saved user landing in its row, names by id for the other views, live usuario_* events, and
// neither asking the server for users when the signed-in role may not read them.

#include "ClientFixtures.h"
#include "core/Capabilities.h"
#include "core/UsuarioDirectory.h"
#include "core/UsuarioListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

namespace {
Usuario usuarioFrom(const char *fixture)
{
    return *Usuario::fromJson(FixtureReply::load(QString::fromLatin1(fixture)).object());
}
} // namespace

class TestClientUsuarios : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;
    std::unique_ptr<Capabilities> capabilities;

    QString nombreAt(const UsuarioListModel &model, int row) const
    {
        return model.index(row, UsuarioListModel::Nombre).data().toString();
    }

private Q_SLOTS:
    void init()
    {
        rig = std::make_unique<ClientRig>();
        capabilities = std::make_unique<Capabilities>();
        capabilities->setRol(Rol::Admin);
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        capabilities.reset();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void theTableShowsEveryUser()
    {
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000", "usuarios");
        UsuarioListModel model(rig->api, &rig->live, capabilities.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &UsuarioListModel::loaded);
        model.reload();
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(nombreAt(model, 0), QStringLiteral("Luis Pérez"));
        QCOMPARE(model.index(0, UsuarioListModel::Email).data().toString(), QStringLiteral("luis.perez@example.com"));
        QCOMPARE(model.index(0, UsuarioListModel::Activo).data().toString(), QStringLiteral("No"));
        QCOMPARE(model.index(1, UsuarioListModel::Activo).data().toString(), QStringLiteral("Sí"));
        QCOMPARE(model.index(2, UsuarioListModel::Rol_).data().toString(), QStringLiteral("Soporte"));
        QCOMPARE(model.index(3, UsuarioListModel::Rol_).data().toString(), QStringLiteral("Administrador"));
        QCOMPARE(model.index(3, 0).data(UsuarioListModel::IdRole).toUuid(), fx::admin);
        QCOMPARE(model.headerData(UsuarioListModel::Creado, Qt::Horizontal).toString(), QStringLiteral("Alta"));
        QCOMPARE(model.usuarioAt(2)->id, fx::ana);
        QVERIFY(!model.usuarioAt(4));
    }

    void theActivoFilterGoesToTheServer()
    {
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000&activo=true", "usuarios_activos");
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000&activo=false", FixtureReply::json(200, QJsonArray{}));
        UsuarioListModel model(rig->api, &rig->live, capabilities.get());
        model.setActivoFilter(true);
        QTRY_COMPARE(model.rowCount(), 3);
        model.setActivoFilter(false);
        QTRY_COMPARE(model.rowCount(), 0);
        QCOMPARE(rig->transport.requests().size(), 2);
    }

    void aSavedUserLandsInItsRow()
    {
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000&activo=true", "usuarios_activos");
        UsuarioListModel model(rig->api, &rig->live, capabilities.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setActivoFilter(true);
        QTRY_COMPARE(model.rowCount(), 3);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.upsert(usuarioFrom("usuario_creado")); // new: on top
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(nombreAt(model, 0), QStringLiteral("Pablo Sanz"));

        Usuario ana = *model.usuarioAt(model.rowOf(fx::ana));
        ana.nombre = QStringLiteral("Ana García López"); // edited: in place
        model.upsert(ana);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), model.rowOf(fx::ana));
        QCOMPARE(nombreAt(model, model.rowOf(fx::ana)), QStringLiteral("Ana García López"));

        ana.activo = false; // deactivated while only active users show: gone
        model.upsert(ana);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowOf(fx::ana), -1);
        QCOMPARE(model.rowCount(), 3);
        Usuario luis = usuarioFrom("usuario_creado");
        luis.id = fx::luis;
        luis.activo = false;
        model.upsert(luis); // inactive, never shown here: nothing
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.size(), 1);
    }

    void aUserEventReloadsTheTable()
    {
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000", "usuarios");
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000", "usuarios_con_nuevo");
        UsuarioListModel model(rig->api, &rig->live, capabilities.get());
        model.reload();
        QTRY_COMPARE(model.rowCount(), 4);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::usuarioCreado(fx::pablo), 60));
        QTRY_COMPARE(model.rowCount(), 5);
        QCOMPARE(nombreAt(model, 0), QStringLiteral("Pablo Sanz"));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 61));
        QTest::qWait(10);
        QCOMPARE(rig->transport.requests().size(), 2); // a ticket event is not about users
    }

    void aRoleThatMayNotReadUsersAsksNothing()
    {
        capabilities->setRol(Rol::Usuario);
        UsuarioListModel model(rig->api, &rig->live, capabilities.get());
        UsuarioDirectory directory(rig->api, &rig->live, capabilities.get());
        model.reload();
        directory.load();
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::usuarioActualizado(fx::ana), 60));
        capabilities->setRol(std::nullopt); // and nobody signed in
        model.reload();
        directory.load();
        QTest::qWait(10);
        QCOMPARE(rig->transport.requests().size(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void theDirectoryNamesPeople()
    {
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000", "usuarios");
        UsuarioDirectory directory(rig->api, &rig->live, capabilities.get());
        QSignalSpy changed(&directory, &UsuarioDirectory::changed);
        QCOMPARE(directory.nameOf(fx::ana), QStringLiteral("a0000000")); // unknown yet: a short id
        QCOMPARE(directory.nameOf(QUuid()), QStringLiteral("Sistema"));  // written by nobody in particular
        directory.load();
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(directory.nameOf(fx::ana), QStringLiteral("Ana García"));
        QCOMPARE(directory.nameOf(fx::luis), QStringLiteral("Luis Pérez"));
        QCOMPARE(directory.all().size(), 4);
        QCOMPARE(rig->transport.last().pathAndQuery, QStringLiteral("/usuarios?skip=0&limit=1000"));
    }

    void theDirectoryKeepsTheCallerAndFollowsUserEvents()
    {
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000", "usuarios");
        rig->transport.on("GET", "/usuarios?skip=0&limit=1000", "usuarios_con_nuevo");
        UsuarioDirectory directory(rig->api, &rig->live, capabilities.get());
        QSignalSpy changed(&directory, &UsuarioDirectory::changed);
        directory.add(usuarioFrom("me_marta"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(directory.nameOf(fx::marta), QStringLiteral("Marta Ruiz"));
        directory.load();
        QTRY_COMPARE(changed.size(), 2);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::usuarioCreado(fx::pablo), 60));
        QTRY_COMPARE(directory.nameOf(fx::pablo), QStringLiteral("Pablo Sanz"));
        QCOMPARE(changed.size(), 3);
    }

    void aFailedLoadKeepsWhatTheDirectoryKnew()
    {
        rig->transport.on("GET", "/usuarios", "forbidden");
        UsuarioDirectory directory(rig->api); // no capabilities: it asks, and the server says no
        directory.add(usuarioFrom("me_marta"));
        QSignalSpy changed(&directory, &UsuarioDirectory::changed);
        directory.load();
        QTRY_COMPARE(rig->transport.requests().size(), 1);
        QTest::qWait(10);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(directory.nameOf(fx::marta), QStringLiteral("Marta Ruiz"));
        UsuarioListModel model(rig->api);
        QSignalSpy failed(&model, &UsuarioListModel::loadFailed);
        model.reload();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<ApiError>().kind, ApiError::Kind::Forbidden);
    }
};

QTEST_GUILESS_MAIN(TestClientUsuarios)
#include "tst_client_usuarios.moc"
