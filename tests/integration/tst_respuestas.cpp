// /respuestas (issue 15): staff's canned replies against a real server with AUTH_REQUIRED=true.
// Who sees which reply and who may change it, what a usuario gets, the list's order, 404 and 422,
// and the open contract (AUTH_REQUIRED=false) on a server of its own.

#include "ApiFixture.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace tickets::test;

namespace {
const QString kAdminEmail = QStringLiteral("admin@respuestas.example");
const QString kAdminPassword = QStringLiteral("Adm1n-contraseña-larga");
const QString kPassword = QStringLiteral("respuestas-clave-2026");
const QString kPlaceholders =
    QStringLiteral("Hola {{cliente}}, su ticket {{numero}} está resuelto. Un saludo, {{agente}}");
} // namespace

class TestRespuestas : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_respuestas"), {{"AUTH_REQUIRED", "true"}}};
    QByteArray adminToken, anaToken, beaToken, usuarioToken;
    QString adminId, anaId, beaId;

    HttpReply call(const QByteArray &method, const QString &path, const QByteArray &token,
                   const QJsonValue &body = QJsonValue::Undefined)
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!token.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + token));
        QByteArray bytes;
        if (!body.isUndefined()) {
            bytes = toJsonBytes(body);
            headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        }
        return f.http().send(method, path, bytes, headers);
    }

    QString createUser(const QString &email, const QString &rol)
    {
        return call("POST", "/usuarios", adminToken,
                    QJsonObject{
                        {"email", email}, {"nombre", email.section('@', 0, 0)}, {"rol", rol}, {"password", kPassword}})
            .object()
            .value("id")
            .toString();
    }

    // Creates a reply as `token`'s owner; its JSON (empty on failure, which fails the test).
    QJsonObject create(const QByteArray &token, const QString &titulo, bool compartida,
                       const QString &contenido = QStringLiteral("Texto"))
    {
        const HttpReply reply =
            call("POST", "/respuestas", token,
                 QJsonObject{{"titulo", titulo}, {"contenido", contenido}, {"compartida", compartida}});
        if (reply.status != 200) {
            qWarning() << "create" << reply.status << reply.body;
            return {};
        }
        return reply.object();
    }

    static QString path(const QJsonObject &respuesta)
    {
        return "/respuestas/" + QString::number(respuesta.value("id").toInteger());
    }

    // (id, titulo) of each reply in `token`'s list, in the order served.
    QList<QPair<qint64, QString>> listOf(const QByteArray &token)
    {
        const HttpReply reply = call("GET", "/respuestas", token);
        if (reply.status != 200)
            qWarning() << "list" << reply.status << reply.body;
        QList<QPair<qint64, QString>> list;
        for (const QJsonValue &item : reply.array())
            list.append({item["id"].toInteger(), item["titulo"].toString()});
        return list;
    }

    int stored() { return f.db().scalar("SELECT count(*) FROM respuestas").toInt(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        adminToken = f.bootstrapAdmin(kAdminEmail, kAdminPassword);
        QVERIFY(!adminToken.isEmpty());
        f.http().setToken({}); // every call below names its caller
        adminId = call("GET", "/auth/me", adminToken).object().value("id").toString();
        anaId = createUser("ana@respuestas.example", "soporte");
        beaId = createUser("bea@respuestas.example", "soporte");
        QVERIFY(!createUser("usuario@respuestas.example", "usuario").isEmpty());
        QVERIFY(!anaId.isEmpty() && !beaId.isEmpty());
        anaToken = f.login("ana@respuestas.example", kPassword);
        beaToken = f.login("bea@respuestas.example", kPassword);
        usuarioToken = f.login("usuario@respuestas.example", kPassword);
        QVERIFY(!anaToken.isEmpty() && !beaToken.isEmpty() && !usuarioToken.isEmpty());
    }

    // Every test starts from no replies.
    void init() { f.db().scalar("WITH d AS (DELETE FROM respuestas RETURNING 1) SELECT count(*) FROM d"); }

    void createAnswersTheReplyWithTheCallerAsAuthor()
    {
        const HttpReply reply =
            call("POST", "/respuestas", anaToken, QJsonObject{{"titulo", "Resuelto"}, {"contenido", kPlaceholders}});
        QCOMPARE(reply.status, 200);
        const QJsonObject r = reply.object();
        QCOMPARE(r.keys(), QStringList({"autor_id", "compartida", "contenido", "fecha_actualizacion", "fecha_creacion",
                                        "id", "titulo"}));
        QVERIFY(r["id"].isDouble() && r["id"].toInteger() > 0);
        QCOMPARE(r["titulo"].toString(), QStringLiteral("Resuelto"));
        // Placeholders are text to the server: stored and returned as written.
        QCOMPARE(r["contenido"].toString(), kPlaceholders);
        QCOMPARE(r["compartida"], QJsonValue(false));
        QCOMPARE(r["autor_id"].toString(), anaId);
        QCOMPARE(r["fecha_creacion"], r["fecha_actualizacion"]);
        QVERIFY(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")
                    .match(r["fecha_creacion"].toString())
                    .hasMatch());
        QCOMPARE(stored(), 1);
        // The author comes from the token, never from the body.
        const QJsonObject other = create(beaToken, "Otro", true);
        QCOMPARE(other["autor_id"].toString(), beaId);
        QCOMPARE(other.value("compartida"), QJsonValue(true));
        const HttpReply spoofed = call("POST", "/respuestas", beaToken,
                                       QJsonObject{{"titulo", "Falsa"}, {"contenido", "x"}, {"autor_id", anaId}});
        QCOMPARE(spoofed.status, 200);
        QCOMPARE(spoofed.object()["autor_id"].toString(), beaId);
        // An admin is staff too.
        QCOMPARE(create(adminToken, "Del admin", false)["autor_id"].toString(), adminId);
    }

    void aUsuarioIsRefusedEveryRoute()
    {
        const QJsonObject anas = create(anaToken, "Compartida de Ana", true);
        QVERIFY(!anas.isEmpty());
        const QList<std::tuple<QByteArray, QString, QJsonValue>> calls{
            {"GET", "/respuestas", QJsonValue::Undefined},
            {"POST", "/respuestas", QJsonObject{{"titulo", "Mía"}, {"contenido", "x"}}},
            // Even with a body that is not valid: the role is refused first.
            {"POST", "/respuestas", QJsonObject{{"titulo", ""}}},
            {"PATCH", path(anas), QJsonObject{{"titulo", "Cambiada"}}},
            {"DELETE", path(anas), QJsonValue::Undefined},
            {"PATCH", "/respuestas/999999", QJsonObject{{"titulo", "x"}}},
        };
        for (const auto &[method, where, body] : calls) {
            const HttpReply reply = call(method, where, usuarioToken, body);
            QVERIFY2(reply.status == 403,
                     qPrintable(QString::fromLatin1(method) + u' ' + where + u' ' + QString::number(reply.status)));
            QCOMPARE(reply.object()["detail"].toString(),
                     QStringLiteral("Solo el personal de soporte puede usar respuestas predefinidas"));
        }
        QCOMPARE(stored(), 1);
        QCOMPARE(listOf(anaToken), (QList<QPair<qint64, QString>>{{anas["id"].toInteger(), "Compartida de Ana"}}));
    }

    void withoutATokenIs401()
    {
        QCOMPARE(call("GET", "/respuestas", {}).status, 401);
        QCOMPARE(call("POST", "/respuestas", {}, QJsonObject{{"titulo", "t"}, {"contenido", "c"}}).status, 401);
        QCOMPARE(stored(), 0);
    }

    void theListIsOnesOwnAndTheSharedByTituloThenId()
    {
        const qint64 anaBeta = create(anaToken, "beta", false)["id"].toInteger();
        const qint64 anaAlfa = create(anaToken, "Alfa", true)["id"].toInteger();
        const qint64 beaAlfa = create(beaToken, "alfa", false)["id"].toInteger();
        const qint64 beaGamma = create(beaToken, "Gamma", true)["id"].toInteger();
        const qint64 beaALFA = create(beaToken, "ALFA", true)["id"].toInteger();
        QVERIFY(anaBeta && anaAlfa && beaAlfa && beaGamma && beaALFA);
        using List = QList<QPair<qint64, QString>>;
        // Case-insensitive ("beta" before "Gamma"); equal titles by id ("Alfa" before "ALFA",
        // which a byte order would swap). Bea's private "alfa" is not Ana's to see.
        QCOMPARE(listOf(anaToken),
                 (List{{anaAlfa, "Alfa"}, {beaALFA, "ALFA"}, {anaBeta, "beta"}, {beaGamma, "Gamma"}}));
        QCOMPARE(listOf(beaToken),
                 (List{{anaAlfa, "Alfa"}, {beaAlfa, "alfa"}, {beaALFA, "ALFA"}, {beaGamma, "Gamma"}}));
        // An admin's list is theirs and the shared ones too: others' private replies stay out.
        QCOMPARE(listOf(adminToken), (List{{anaAlfa, "Alfa"}, {beaALFA, "ALFA"}, {beaGamma, "Gamma"}}));
        const HttpReply reply = call("GET", "/respuestas", anaToken);
        QCOMPARE(reply.header("x-total-count"), QByteArray("4"));
        // Each item has the shape POST answers.
        const QJsonObject first = reply.array().first().toObject();
        QCOMPARE(first["autor_id"].toString(), anaId);
        QCOMPARE(first["compartida"], QJsonValue(true));
        QCOMPARE(first["contenido"].toString(), QStringLiteral("Texto"));
        QCOMPARE(first.keys().size(), 7);
    }

    void anotherAgentCannotChangeASharedReplyButAnAdminCan()
    {
        const QJsonObject shared = create(anaToken, "Compartida", true, "Original");
        QVERIFY(!shared.isEmpty());
        const HttpReply patch = call("PATCH", path(shared), beaToken, QJsonObject{{"contenido", "De Bea"}});
        QCOMPARE(patch.status, 403);
        QCOMPARE(patch.object()["detail"].toString(),
                 QStringLiteral("Solo su autor o un administrador puede cambiar o borrar esta respuesta"));
        const HttpReply del = call("DELETE", path(shared), beaToken);
        QCOMPARE(del.status, 403);
        QVERIFY(!del.object()["detail"].toString().isEmpty());
        // Nothing changed: Bea still sees it as it was.
        const auto beas = call("GET", "/respuestas", beaToken).array();
        QCOMPARE(beas.size(), 1);
        QCOMPARE(beas.first()["contenido"].toString(), QStringLiteral("Original"));

        const HttpReply byAdmin = call("PATCH", path(shared), adminToken, QJsonObject{{"contenido", "Del admin"}});
        QCOMPARE(byAdmin.status, 200);
        const QJsonObject changed = byAdmin.object();
        QCOMPARE(changed["contenido"].toString(), QStringLiteral("Del admin"));
        QCOMPARE(changed["titulo"].toString(), QStringLiteral("Compartida")); // absent fields stay
        QCOMPARE(changed["compartida"], QJsonValue(true));
        QCOMPARE(changed["autor_id"].toString(), anaId); // the author stays the author
        QCOMPARE(changed["fecha_creacion"], shared["fecha_creacion"]);
        QVERIFY(QDateTime::fromString(changed["fecha_actualizacion"].toString(), Qt::ISODateWithMs) >
                QDateTime::fromString(shared["fecha_actualizacion"].toString(), Qt::ISODateWithMs));

        const HttpReply removed = call("DELETE", path(shared), adminToken);
        QCOMPARE(removed.status, 204);
        QVERIFY(removed.body.isEmpty());
        QVERIFY(listOf(anaToken).isEmpty());
        QVERIFY(listOf(beaToken).isEmpty());
        QCOMPARE(stored(), 0);
        // Gone for everyone, its author included.
        QCOMPARE(call("DELETE", path(shared), anaToken).status, 404);
        QCOMPARE(call("PATCH", path(shared), anaToken, QJsonObject{{"titulo", "x"}}).status, 404);
    }

    void someoneElsesPrivateReplyIsNotFoundExceptForAnAdmin()
    {
        const QJsonObject mine = create(anaToken, "Privada de Ana", false);
        QVERIFY(!mine.isEmpty());
        for (const QByteArray &method : {QByteArray("PATCH"), QByteArray("DELETE")}) {
            const HttpReply reply =
                call(method, path(mine), beaToken,
                     method == "PATCH" ? QJsonValue(QJsonObject{{"titulo", "x"}}) : QJsonValue(QJsonValue::Undefined));
            QCOMPARE(reply.status, 404);
            QCOMPARE(reply.object()["detail"].toString(), QStringLiteral("Respuesta no encontrada"));
        }
        const HttpReply byAdmin = call("PATCH", path(mine), adminToken, QJsonObject{{"titulo", "Revisada"}});
        QCOMPARE(byAdmin.status, 200);
        QCOMPARE(byAdmin.object()["titulo"].toString(), QStringLiteral("Revisada"));
        QCOMPARE(byAdmin.object().value("compartida"), QJsonValue(false));
        QCOMPARE(f.db().scalar("SELECT titulo FROM respuestas").toString(), QStringLiteral("Revisada"));
        QCOMPARE(call("DELETE", path(mine), adminToken).status, 204);
        QCOMPARE(stored(), 0);
    }

    void theAuthorChangesAndDeletesTheirOwn()
    {
        const QJsonObject mine = create(anaToken, "Borrador", false, "v1");
        QVERIFY(!mine.isEmpty());
        QVERIFY(listOf(beaToken).isEmpty());
        // Sharing it shows it to Bea.
        const HttpReply shared =
            call("PATCH", path(mine), anaToken,
                 QJsonObject{{"compartida", true}, {"titulo", "Final"}, {"contenido", kPlaceholders}});
        QCOMPARE(shared.status, 200);
        QCOMPARE(shared.object().value("compartida"), QJsonValue(true));
        QCOMPARE(shared.object()["titulo"].toString(), QStringLiteral("Final"));
        QCOMPARE(shared.object()["contenido"].toString(), kPlaceholders);
        QCOMPARE(listOf(beaToken), (QList<QPair<qint64, QString>>{{mine["id"].toInteger(), "Final"}}));
        // An empty PATCH changes nothing and answers the reply.
        const HttpReply nothing = call("PATCH", path(mine), anaToken, QJsonObject{});
        QCOMPARE(nothing.status, 200);
        QCOMPARE(nothing.object(), shared.object());
        // Unsharing hides it again.
        QCOMPARE(call("PATCH", path(mine), anaToken, QJsonObject{{"compartida", false}}).status, 200);
        QVERIFY(listOf(beaToken).isEmpty());
        QCOMPARE(call("PATCH", path(mine), beaToken, QJsonObject{{"titulo", "x"}}).status, 404);
        const HttpReply removed = call("DELETE", path(mine), anaToken);
        QCOMPARE(removed.status, 204);
        QVERIFY(removed.body.isEmpty());
        QVERIFY(listOf(anaToken).isEmpty());
        QCOMPARE(stored(), 0);
    }

    void unknownIdsAre404AndMalformedOnes422()
    {
        for (const QByteArray &method : {QByteArray("PATCH"), QByteArray("DELETE")}) {
            const QJsonValue body =
                method == "PATCH" ? QJsonValue(QJsonObject{{"titulo", "x"}}) : QJsonValue(QJsonValue::Undefined);
            for (const QByteArray &token : {anaToken, adminToken}) {
                const HttpReply unknown = call(method, "/respuestas/987654321", token, body);
                QCOMPARE(unknown.status, 404);
                QCOMPARE(unknown.object()["detail"].toString(), QStringLiteral("Respuesta no encontrada"));
            }
            const HttpReply text = call(method, "/respuestas/abc", anaToken, body);
            QCOMPARE(text.status, 422);
            QCOMPARE(errorAt(text.object()["detail"], {"path", "respuesta_id"})["type"].toString(),
                     QStringLiteral("int_parsing"));
            const HttpReply zero = call(method, "/respuestas/0", anaToken, body);
            QCOMPARE(zero.status, 422);
            QCOMPARE(errorAt(zero.object()["detail"], {"path", "respuesta_id"})["type"].toString(),
                     QStringLiteral("greater_than_equal"));
            const HttpReply huge = call(method, "/respuestas/99999999999999999999", anaToken, body);
            QCOMPARE(huge.status, 422);
        }
    }

    void badBodiesAre422AndStoreNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("type");
        const QByteArray longTitulo = QByteArray(121, 'a');
        const QByteArray longContenido = QByteArray(20001, 'c');
        QTest::newRow("no titulo") << QByteArray(R"({"contenido":"c"})") << "titulo"
                                   << "missing";
        QTest::newRow("no contenido") << QByteArray(R"({"titulo":"t"})") << "contenido"
                                      << "missing";
        QTest::newRow("empty titulo") << QByteArray(R"({"titulo":"","contenido":"c"})") << "titulo"
                                      << "string_too_short";
        QTest::newRow("titulo of 121") << QByteArray(R"({"titulo":")" + longTitulo + R"(","contenido":"c"})")
                                       << "titulo"
                                       << "string_too_long";
        QTest::newRow("empty contenido") << QByteArray(R"({"titulo":"t","contenido":""})") << "contenido"
                                         << "string_too_short";
        QTest::newRow("contenido of 20001")
            << QByteArray(R"({"titulo":"t","contenido":")" + longContenido + R"("})") << "contenido"
            << "string_too_long";
        QTest::newRow("titulo a number") << QByteArray(R"({"titulo":5,"contenido":"c"})") << "titulo"
                                         << "string_type";
        QTest::newRow("compartida not a boolean")
            << QByteArray(R"({"titulo":"t","contenido":"c","compartida":"quizás"})") << "compartida"
            << "bool_parsing";
        QTest::newRow("compartida null") << QByteArray(R"({"titulo":"t","contenido":"c","compartida":null})")
                                         << "compartida"
                                         << "bool_type";
    }

    void badBodiesAre422AndStoreNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, type);
        const QList<QPair<QByteArray, QByteArray>> headers{{"Authorization", "Bearer " + anaToken},
                                                           {"Content-Type", "application/json"}};
        const HttpReply reply = f.http().send("POST", "/respuestas", body, headers);
        QCOMPARE(reply.status, 422);
        const QJsonObject error = errorAt(reply.object()["detail"], {"body", field});
        QCOMPARE(error["type"].toString(), type);
        QVERIFY(!error["msg"].toString().isEmpty());
        if (type == "string_too_long")
            QCOMPARE(error.value("ctx").toObject().value("max_length").toInt(), field == "titulo" ? 120 : 20000);
        QCOMPARE(stored(), 0);

        // The same field in a PATCH (where absence is fine) gives the same error, and changes nothing.
        if (type == "missing")
            return;
        const QJsonObject original = create(anaToken, "Intacta", false, "Original");
        QJsonObject patch = QJsonDocument::fromJson(body).object();
        for (const QString &other : patch.keys()) {
            if (other != field)
                patch.remove(other);
        }
        const HttpReply patched = call("PATCH", path(original), anaToken, patch);
        QCOMPARE(patched.status, 422);
        QCOMPARE(errorAt(patched.object()["detail"], {"body", field})["type"].toString(), type);
        QCOMPARE(listOf(anaToken), (QList<QPair<qint64, QString>>{{original["id"].toInteger(), "Intacta"}}));
    }

    void notJsonObjectsAre422()
    {
        const QList<QPair<QByteArray, QByteArray>> headers{{"Authorization", "Bearer " + anaToken},
                                                           {"Content-Type", "application/json"}};
        QCOMPARE(f.http().send("POST", "/respuestas", "[1]", headers).status, 422);
        QCOMPARE(f.http().send("POST", "/respuestas", "{", headers).status, 422);
        QCOMPARE(f.http().send("POST", "/respuestas", "", headers).status, 422);
        // Every problem at once, as FastAPI lists them.
        const HttpReply both = call("POST", "/respuestas", anaToken, QJsonObject{{"titulo", ""}});
        QCOMPARE(both.status, 422);
        QCOMPARE(both.object()["detail"].toArray().size(), 2);
        QCOMPARE(stored(), 0);
    }

    void theLimitsAreInclusiveAndCountCharacters()
    {
        // 120 and 20,000 characters (not bytes: ñ is two in UTF-8) are accepted and kept whole.
        const QString titulo(120, QChar(u'ñ'));
        const QString contenido(20000, QChar(u'é'));
        const QJsonObject r = create(anaToken, titulo, false, contenido);
        QCOMPARE(r["titulo"].toString(), titulo);
        QCOMPARE(r["contenido"].toString().size(), 20000);
        QCOMPARE(listOf(anaToken).first().second, titulo);
    }

    // AUTH_REQUIRED=false: no roles (as on every staff route there), anyone acts on any reply,
    // and a reply written without a token has no author.
    void theOpenContractAllowsEverything()
    {
        ApiFixture open(QStringLiteral("tst_respuestas_abierto"));
        QVERIFY(open.start());
        HttpClient &http = open.http();
        const HttpReply created = http.post("/respuestas", QJsonObject{{"titulo", "Abierta"}, {"contenido", "c"}});
        QCOMPARE(created.status, 200);
        QCOMPARE(created.object().value("autor_id"), QJsonValue(QJsonValue::Null));
        QCOMPARE(created.object().value("compartida"), QJsonValue(false));
        const QString where = "/respuestas/" + QString::number(created.object()["id"].toInteger());
        // Not shared, no author: the list still holds it (it holds every reply).
        open.db().scalar("INSERT INTO usuarios (email, nombre, rol) VALUES ('x@abierto.example', 'X', 'soporte') "
                         "RETURNING 1");
        open.db().scalar("INSERT INTO respuestas (titulo, contenido, autor_id) SELECT 'De otro', 'c', id FROM usuarios "
                         "RETURNING 1");
        const HttpReply list = http.get("/respuestas");
        QCOMPARE(list.status, 200);
        QCOMPARE(list.array().size(), 2);
        QCOMPARE(list.array().at(0).toObject().value("titulo").toString(), QStringLiteral("Abierta"));
        QCOMPARE(list.array().at(1).toObject().value("titulo").toString(), QStringLiteral("De otro"));
        const HttpReply patched = http.patch(where, QJsonObject{{"compartida", true}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.object().value("compartida"), QJsonValue(true));
        QCOMPARE(http.del(where).status, 204);
        QCOMPARE(http.get("/respuestas").array().size(), 1);
        QCOMPARE(http.del(where).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestRespuestas)
#include "tst_respuestas.moc"
