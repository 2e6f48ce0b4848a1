// Access and EventAudience in-process: what each role may do and which live events reach whom.

#include "auth/Access.h"
#include "auth/EventAudience.h"
#include "events/Events.h"
#include "protocol/ErrorKind.h"

#include <QTest>

using namespace tickets;
using namespace tickets::server;

namespace {
Usuario person(Rol rol)
{
    Usuario usuario;
    usuario.id = QUuid::createUuid();
    usuario.email = QStringLiteral("p@example.com");
    usuario.nombre = QStringLiteral("P");
    usuario.rol = rol;
    return usuario;
}

constexpr Permission kAll[] = {Permission::SeeAllTickets,    Permission::SeeInternalNotes, Permission::ChangeEstado,
                               Permission::ActOnBehalf,      Permission::ReadUsers,        Permission::ManageUsers,
                               Permission::SeeHealthDetails, Permission::RecordEstado,     Permission::EditTickets,
                               Permission::UseCannedReplies, Permission::SharePresence};
} // namespace

class TestAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachRoleMayWhatTheTableSays()
    {
        for (const Rol rol : enumValues<Rol>()) {
            const Access access = Access::of(person(rol), "hash");
            for (const Permission permission : kAll)
                QCOMPARE(access.allows(permission), rolePermits(rol, permission));
        }
        QVERIFY(!Access::of(person(Rol::Usuario), {}).allows(Permission::SeeAllTickets));
        QVERIFY(Access::of(person(Rol::Soporte), {}).allows(Permission::SeeInternalNotes));
        QVERIFY(!Access::of(person(Rol::Soporte), {}).allows(Permission::ManageUsers));
        QVERIFY(Access::of(person(Rol::Admin), {}).allows(Permission::ManageUsers));
        // Nobody without a token; everybody in the open contract.
        for (const Permission permission : kAll) {
            QVERIFY(!Access::anonymous().allows(permission));
            QVERIFY(Access::open().allows(permission));
        }
    }

    void aRefusalIsForbiddenWithItsMessage()
    {
        const Access usuario = Access::of(person(Rol::Usuario), {});
        try {
            usuario.require(Permission::ChangeEstado, QStringLiteral("No puede"));
            QFAIL("no refusal");
        } catch (const protocol::Error &error) {
            QCOMPARE(error.kind(), protocol::ErrorKind::Forbidden);
            QCOMPARE(error.detail().toString(), QStringLiteral("No puede"));
            QCOMPARE(protocol::httpStatus(error.kind()), 403);
        }
        Access::of(person(Rol::Soporte), {}).require(Permission::ChangeEstado, QStringLiteral("x"));
    }

    void aUsuarioSeesOnlyTheirOwnTickets()
    {
        const Usuario ana = person(Rol::Usuario);
        const Access access = Access::of(ana, {});
        QCOMPARE(access.ticketOwnerScope(), std::optional<QUuid>(ana.id));
        QVERIFY(access.canSeeTicketOf(ana.id));
        QVERIFY(!access.canSeeTicketOf(QUuid::createUuid()));
        QVERIFY(access.canSeeUsuario(ana.id) && !access.canSeeUsuario(QUuid::createUuid()));
        QVERIFY(!Access::of(person(Rol::Soporte), {}).ticketOwnerScope());
        // Anonymous matches nobody's tickets.
        QCOMPARE(Access::anonymous().ticketOwnerScope(), std::optional<QUuid>(QUuid()));
    }

    void actingForSomeoneElseIsStaffWorkAndRecorded()
    {
        const Usuario agent = person(Rol::Soporte);
        const QUuid client = QUuid::createUuid();
        QUuid recordedBy;
        QCOMPARE(*Access::of(agent, {}).actingUser(client, &recordedBy), client);
        QCOMPARE(recordedBy, agent.id);
        recordedBy = QUuid();
        QCOMPARE(*Access::of(agent, {}).actingUser(std::nullopt, &recordedBy), agent.id);
        QVERIFY(recordedBy.isNull());
        QCOMPARE(*Access::of(agent, {}).actingUser(agent.id, &recordedBy), agent.id);
        QVERIFY(recordedBy.isNull());
        const Access usuario = Access::of(person(Rol::Usuario), {});
        QVERIFY_THROWS_EXCEPTION(protocol::Error, usuario.actingUser(client, &recordedBy));
        // The open contract takes what the client says.
        QCOMPARE(*Access::open().actingUser(client, &recordedBy), client);
    }

    void cannedRepliesAreStaffsAndTheirAuthorsOrAnAdminsToChange()
    {
        const Usuario ana = person(Rol::Soporte);
        const Usuario bea = person(Rol::Soporte);
        const Usuario admin = person(Rol::Admin);
        const Access asAna = Access::of(ana, {});
        const Access asBea = Access::of(bea, {});
        const Access asAdmin = Access::of(admin, {});
        const Access asUsuario = Access::of(person(Rol::Usuario), {});
        QVERIFY(asAna.allows(Permission::UseCannedReplies) && asAdmin.allows(Permission::UseCannedReplies));
        QVERIFY(!asUsuario.allows(Permission::UseCannedReplies));
        // A list: one's own and the shared ones; everything in the open contract.
        QCOMPARE(asAna.respuestaAuthorScope(), std::optional<QUuid>(ana.id));
        QCOMPARE(asAdmin.respuestaAuthorScope(), std::optional<QUuid>(admin.id));
        QVERIFY(!Access::open().respuestaAuthorScope());
        // Ana's private reply: hers; an admin sees and changes it; Bea does not even see it.
        QVERIFY(asAna.canSeeRespuestaOf(ana.id, false) && asAna.canEditRespuestaOf(ana.id));
        QVERIFY(asAdmin.canSeeRespuestaOf(ana.id, false) && asAdmin.canEditRespuestaOf(ana.id));
        QVERIFY(!asBea.canSeeRespuestaOf(ana.id, false));
        // Shared: Bea sees it, and still may not change it.
        QVERIFY(asBea.canSeeRespuestaOf(ana.id, true) && !asBea.canEditRespuestaOf(ana.id));
        // A usuario, nobody, and a reply without an author (written in open mode).
        QVERIFY(!asUsuario.canSeeRespuestaOf(ana.id, true) && !asUsuario.canEditRespuestaOf(ana.id));
        QVERIFY(!Access::anonymous().canSeeRespuestaOf(ana.id, true));
        QVERIFY(!asAna.canSeeRespuestaOf(QUuid(), false) && !asAna.canEditRespuestaOf(QUuid()));
        QVERIFY(asAdmin.canEditRespuestaOf(QUuid()));
        QVERIFY(Access::open().canSeeRespuestaOf(ana.id, false) && Access::open().canEditRespuestaOf(ana.id));
        static_assert(rolePermitsEditingReply(Rol::Admin, false) && !rolePermitsEditingReply(Rol::Usuario, true));
    }

    void staffReceiveEveryEvent()
    {
        int lookups = 0;
        EventAudience audience([&](const QUuid &) -> std::optional<QUuid> {
            ++lookups;
            return QUuid::createUuid();
        });
        const Access staff = Access::of(person(Rol::Soporte), {});
        const QUuid ticket = QUuid::createUuid();
        QVERIFY(audience.reaches(staff, events::Event::ticketCreado(ticket).toJson()));
        QVERIFY(audience.reaches(staff,
                                 events::Event::interaccionCreada(ticket, 1, QStringLiteral("nota_interna")).toJson()));
        QVERIFY(audience.reaches(staff, QByteArray(R"({"evento":"algo_nuevo","timestamp":"x","seq":9})")));
        QCOMPARE(lookups, 0);
    }

    void aUsuarioReceivesOnlyWhatIsTheirsAndNeverANote()
    {
        const Usuario ana = person(Rol::Usuario);
        const QUuid own = QUuid::createUuid();
        const QUuid other = QUuid::createUuid();
        int lookups = 0;
        EventAudience audience([&](const QUuid &ticket) -> std::optional<QUuid> {
            ++lookups;
            return ticket == own ? ana.id : QUuid::createUuid();
        });
        const Access access = Access::of(ana, {});
        QVERIFY(audience.reaches(access, events::Event::ticketCreado(own).toJson()));
        QVERIFY(audience.reaches(access, events::Event::ticketActualizado(own, QStringLiteral("resuelto")).toJson()));
        QVERIFY(
            audience.reaches(access, events::Event::interaccionCreada(own, 1, QStringLiteral("comentario")).toJson()));
        QVERIFY(!audience.reaches(access,
                                  events::Event::interaccionCreada(own, 2, QStringLiteral("nota_interna")).toJson()));
        QVERIFY(!audience.reaches(access, events::Event::ticketCreado(other).toJson()));
        QVERIFY(audience.reaches(access, events::Event::usuarioActualizado(ana.id).toJson()));
        QVERIFY(!audience.reaches(access, events::Event::usuarioActualizado(QUuid::createUuid()).toJson()));
        QVERIFY(audience.reaches(access, events::Event::notificacionCreada(5, ana.id, own).toJson()));
        QVERIFY(!audience.reaches(access, events::Event::notificacionCreada(6, QUuid::createUuid(), own).toJson()));
        // Unknown events and garbage are for staff only.
        QVERIFY(!audience.reaches(access, QByteArray(R"({"evento":"algo_nuevo","timestamp":"x","seq":9})")));
        QVERIFY(!audience.reaches(access, QByteArray("not json")));
        QVERIFY(!audience.reaches(Access::anonymous(), events::Event::ticketCreado(own).toJson()));
        // An owner is looked up once per ticket.
        QCOMPARE(lookups, 2);
    }

    void whenTheOwnerCannotBeFoundNothingIsDelivered()
    {
        EventAudience audience([](const QUuid &) { return std::optional<QUuid>(); });
        QVERIFY(!audience.reaches(Access::of(person(Rol::Usuario), {}),
                                  events::Event::ticketCreado(QUuid::createUuid()).toJson()));
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
