// DraftStore in-process: one draft per ticket and user, written to the settings only after the
// write delay, back after a restart, removed at once when sent, and never shown to another user.

#include "core/DraftStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace tickets;
using namespace tickets::client;

namespace {
const QUuid kAna = QUuid::fromString(QStringLiteral("11111111-1111-1111-1111-111111111111"));
const QUuid kLuis = QUuid::fromString(QStringLiteral("22222222-2222-2222-2222-222222222222"));
const QUuid kTicketA = QUuid::fromString(QStringLiteral("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"));
const QUuid kTicketB = QUuid::fromString(QStringLiteral("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"));

QString savedText(const QUuid &usuario, const QUuid &ticket)
{
    return QSettings()
        .value(QStringLiteral("drafts/%1/%2/text")
                   .arg(usuario.toString(QUuid::WithoutBraces), ticket.toString(QUuid::WithoutBraces)))
        .toString();
}
} // namespace

class TestClientDrafts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("Soporte"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_client_drafts"));
    }

    void init() { QSettings().clear(); }

    void eachTicketKeepsItsOwnDraft()
    {
        DraftStore drafts;
        drafts.setUsuario(kAna);
        drafts.setDraft(kTicketA, {QStringLiteral("para A"), TipoInteraccion::NotaInterna});
        drafts.setDraft(kTicketB, {QStringLiteral("para B"), TipoInteraccion::Comentario});
        QCOMPARE(drafts.draft(kTicketA).text, QStringLiteral("para A"));
        QCOMPARE(drafts.draft(kTicketA).tipo, TipoInteraccion::NotaInterna);
        QCOMPARE(drafts.draft(kTicketB).text, QStringLiteral("para B"));
        QCOMPARE(drafts.draft(kTicketB).tipo, TipoInteraccion::Comentario);
        QCOMPARE(drafts.withText(), 2);
        drafts.setDraft(kTicketB, {});
        QVERIFY(drafts.draft(kTicketB).isEmpty());
        QCOMPARE(drafts.withText(), 1);
    }

    void writesWaitForTheDelayThenSurviveARestart()
    {
        QElapsedTimer typing;
        {
            DraftStore drafts;
            drafts.setUsuario(kAna);
            typing.start();
            for (const QString &text : {QStringLiteral("H"), QStringLiteral("Ho"), QStringLiteral("Hola")})
                drafts.setDraft(kTicketA, {text, TipoInteraccion::NotaInterna});
            QCOMPARE(savedText(kAna, kTicketA), QString()); // not one write per key
            QTRY_COMPARE(savedText(kAna, kTicketA), QStringLiteral("Hola"));
            QVERIFY2(typing.elapsed() >= DraftStore::kWriteDelayMs - 50, qPrintable(QString::number(typing.elapsed())));
            drafts.setDraft(kTicketB, {QStringLiteral("pendiente"), TipoInteraccion::Comentario});
        } // what is pending is written on the way out
        DraftStore again;
        again.setUsuario(kAna);
        QCOMPARE(again.draft(kTicketA).text, QStringLiteral("Hola"));
        QCOMPARE(again.draft(kTicketA).tipo, TipoInteraccion::NotaInterna);
        QCOMPARE(again.draft(kTicketB).text, QStringLiteral("pendiente"));
    }

    void aSentDraftIsRemovedAtOnceAndOnlyThatOne()
    {
        DraftStore drafts;
        drafts.setUsuario(kAna);
        drafts.setDraft(kTicketA, {QStringLiteral("enviado"), TipoInteraccion::Comentario});
        drafts.setDraft(kTicketB, {QStringLiteral("sigue"), TipoInteraccion::Comentario});
        drafts.flush();
        drafts.remove(kTicketA);
        QCOMPARE(savedText(kAna, kTicketA), QString());
        QCOMPARE(savedText(kAna, kTicketB), QStringLiteral("sigue"));
        QVERIFY(drafts.draft(kTicketA).isEmpty());
        QCOMPARE(drafts.draft(kTicketB).text, QStringLiteral("sigue"));
    }

    void anotherUserNeverSeesThem()
    {
        DraftStore drafts;
        drafts.setUsuario(kAna);
        drafts.setDraft(kTicketA, {QStringLiteral("de Ana"), TipoInteraccion::NotaInterna});
        drafts.setUsuario(kLuis);
        QVERIFY(drafts.draft(kTicketA).isEmpty());
        QCOMPARE(drafts.withText(), 0);
        drafts.setUsuario({});
        QVERIFY(drafts.draft(kTicketA).isEmpty());
        drafts.setUsuario(kAna); // kept for her
        QCOMPARE(drafts.draft(kTicketA).text, QStringLiteral("de Ana"));
        drafts.removeAll();
        QCOMPARE(savedText(kAna, kTicketA), QString());
        drafts.setUsuario({});
        drafts.setUsuario(kAna);
        QCOMPARE(drafts.withText(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClientDrafts)
#include "tst_client_drafts.moc"
