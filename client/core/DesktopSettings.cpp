#include "core/DesktopSettings.h"

namespace tickets::client {

namespace key {
const QString serverUrl = QStringLiteral("server/url");
const QString lastEmail = QStringLiteral("session/email");
const QString language = QStringLiteral("ui/language");
const QString geometry = QStringLiteral("window/geometry");
const QString state = QStringLiteral("window/state");
const QString splitter = QStringLiteral("window/splitter");
const QString ticketColumns = QStringLiteral("window/ticketColumns");
const QString drafts = QStringLiteral("drafts");
const QString draftText = QStringLiteral("text");
const QString draftTipo = QStringLiteral("tipo");

QString draftsOf(const QUuid &usuario)
{
    return drafts + QLatin1Char('/') + usuario.toString(QUuid::WithoutBraces);
}
} // namespace key

QUrl DesktopSettings::serverUrl(const QString &override) const
{
    QString text = override;
    if (text.isEmpty())
        text = qEnvironmentVariable("TICKETS_SERVER_URL");
    if (text.isEmpty())
        text = m_settings.value(key::serverUrl, QString::fromLatin1(kDefaultServer)).toString();
    return QUrl::fromUserInput(text);
}

void DesktopSettings::setServerUrl(const QUrl &url)
{
    m_settings.setValue(key::serverUrl, url.toString());
}

QString DesktopSettings::lastEmail() const
{
    return m_settings.value(key::lastEmail).toString();
}

void DesktopSettings::setLastEmail(const QString &email)
{
    m_settings.setValue(key::lastEmail, email);
}

QString DesktopSettings::language() const
{
    return m_settings.value(key::language).toString();
}

void DesktopSettings::setLanguage(const QString &code)
{
    m_settings.setValue(key::language, code);
}

DesktopSettings::WindowState DesktopSettings::windowState() const
{
    return {m_settings.value(key::geometry).toByteArray(), m_settings.value(key::state).toByteArray(),
            m_settings.value(key::splitter).toByteArray(), m_settings.value(key::ticketColumns).toByteArray()};
}

void DesktopSettings::setWindowState(const WindowState &window)
{
    m_settings.setValue(key::geometry, window.geometry);
    m_settings.setValue(key::state, window.state);
    m_settings.setValue(key::splitter, window.splitter);
    m_settings.setValue(key::ticketColumns, window.ticketColumns);
}

QHash<QUuid, DesktopSettings::Draft> DesktopSettings::drafts(const QUuid &usuario) const
{
    QHash<QUuid, Draft> found;
    if (usuario.isNull())
        return found;
    // beginGroup() is not const: read through a second QSettings (same store, same cache).
    QSettings settings;
    settings.beginGroup(key::draftsOf(usuario));
    for (const QString &group : settings.childGroups()) {
        const QUuid ticket = QUuid::fromString(group);
        if (ticket.isNull())
            continue;
        settings.beginGroup(group);
        const Draft draft{settings.value(key::draftText).toString(),
                          enumFromString<TipoInteraccion>(settings.value(key::draftTipo).toString())
                              .value_or(TipoInteraccion::Comentario)};
        settings.endGroup();
        if (!draft.isEmpty())
            found.insert(ticket, draft);
    }
    return found;
}

void DesktopSettings::setDraft(const QUuid &usuario, const QUuid &ticket, const Draft &draft)
{
    if (usuario.isNull() || ticket.isNull())
        return;
    const QString group = key::draftsOf(usuario) + QLatin1Char('/') + ticket.toString(QUuid::WithoutBraces);
    if (draft.isEmpty()) {
        m_settings.remove(group);
        return;
    }
    m_settings.setValue(group + QLatin1Char('/') + key::draftText, draft.text);
    m_settings.setValue(group + QLatin1Char('/') + key::draftTipo, wireName(draft.tipo));
}

} // namespace tickets::client
