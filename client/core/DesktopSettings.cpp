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

} // namespace tickets::client
