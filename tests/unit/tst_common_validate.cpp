// The typed validate() of the create/update bodies gives exactly the errors fromJson gives for
// the same input (the desktop forms use the one, the server's 422 the other), and never quotes a
// password.

#include "domain/Interaccion.h"
#include "domain/Ticket.h"
#include "domain/Usuario.h"

#include <QJsonDocument>
#include <QTest>

using namespace tickets;

namespace {
QByteArray dump(const FieldErrors &errors)
{
    return QJsonDocument(toDetail(errors)).toJson(QJsonDocument::Compact);
}

// validate() on `input`, and fromJson on its wire form, agree error for error.
template <typename T> void agree(const T &input, int expectedErrors)
{
    FieldErrors typed;
    const bool valid = input.validate(typed);
    FieldErrors parsed;
    const auto fromWire = T::fromJson(input.toJson(), parsed);
    QCOMPARE(dump(typed), dump(parsed));
    QCOMPARE(typed.size(), expectedErrors);
    QCOMPARE(valid, expectedErrors == 0);
    QCOMPARE(fromWire.has_value(), valid);
}
} // namespace

class TestCommonValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ticketCreate()
    {
        const QUuid someone = QUuid::createUuid();
        agree(TicketCreate{someone, QStringLiteral("Pantalla parpadea"), QStringLiteral("Desde ayer"), Prioridad::Alta},
              0);
        agree(TicketCreate{someone, QString(), QStringLiteral("Sin título"), Prioridad::Media}, 1);
        agree(TicketCreate{someone, QString(256, u'x'), QString(), Prioridad::Media}, 1);
        agree(TicketCreate{someone, QString(255, u'x'), QString(100001, u'y'), Prioridad::Baja}, 1);
        agree(TicketCreate{someone, QString(), QString(100001, u'y'), Prioridad::Baja}, 2);
        agree(TicketCreate{someone, QStringLiteral("con\u0000nul"), QString(), Prioridad::Baja}, 1);
        // Python counts code points: 255 emoji are 510 UTF-16 units and still fit.
        QString emoji;
        for (int i = 0; i < 255; ++i)
            emoji += QStringLiteral("🙂");
        agree(TicketCreate{someone, emoji, QString(), Prioridad::Baja}, 0);

        FieldErrors errors;
        TicketCreate{someone, QString(), QString(), Prioridad::Media}.validate(errors);
        QCOMPARE(errors.first().type, QStringLiteral("string_too_short"));
        QCOMPARE(errors.first().loc, (QJsonArray{"body", "titulo"}));
    }

    void interaccionCreate()
    {
        const QUuid ticket = QUuid::createUuid();
        agree(InteraccionCreate{ticket, QUuid(), TipoInteraccion::Comentario, QStringLiteral("Gracias")}, 0);
        agree(InteraccionCreate{ticket, QUuid(), TipoInteraccion::NotaInterna, QString()}, 1);
        agree(InteraccionCreate{ticket, QUuid::createUuid(), TipoInteraccion::Comentario, QString(100001, u'z')}, 1);
    }

    void usuarioCreate()
    {
        agree(UsuarioCreate{QStringLiteral("pablo.sanz@example.com"), QStringLiteral("Pablo"), Rol::Soporte,
                            std::nullopt},
              0);
        agree(UsuarioCreate{QStringLiteral("pablo.sanz@example.com"), QStringLiteral("Pablo"), Rol::Soporte,
                            QStringLiteral("una-clave-larga")},
              0);
        agree(UsuarioCreate{QStringLiteral("no-es-un-correo"), QString(), Rol::Usuario, std::nullopt}, 2);
        agree(UsuarioCreate{QStringLiteral("ana@example.com"), QStringLiteral("Ana"), Rol::Usuario,
                            QStringLiteral("corta")},
              1);

        FieldErrors errors;
        const UsuarioCreate shortPassword{QStringLiteral("ana@example.com"), QStringLiteral("Ana"), Rol::Usuario,
                                          QStringLiteral("corta")};
        QVERIFY(!shortPassword.validate(errors));
        QCOMPARE(errors.first().loc, (QJsonArray{"body", "password"}));
        QCOMPARE(errors.first().input.toString(), QStringLiteral("**********")); // never the password itself
        QVERIFY(!dump(errors).contains("corta"));
    }

    void usuarioUpdateChecksOnlyWhatChanges()
    {
        agree(UsuarioUpdate{}, 0);
        UsuarioUpdate rename;
        rename.nombre = QString();
        agree(rename, 1);
        UsuarioUpdate everything{QStringLiteral("ana@"), QString(256, u'n'), Rol::Admin, false};
        agree(everything, 2);
        UsuarioUpdate fine{QStringLiteral("ana@example.com"), QStringLiteral("Ana"), Rol::Admin, true};
        agree(fine, 0);
    }
};

QTEST_GUILESS_MAIN(TestCommonValidate)
#include "tst_common_validate.moc"
