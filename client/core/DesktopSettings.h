#pragma once
// What the desktop client remembers between runs, one typed accessor per value. The QSettings
// keys are written here and nowhere else, and they are the keys earlier versions wrote, so
// nothing a person saved is lost. Construct one where it is needed: it reads and writes the
// application's QSettings (organisation and application names set in main()).

#include "wire/Enums.h"

#include <QByteArray>
#include <QHash>
#include <QSettings>
#include <QString>
#include <QUrl>
#include <QUuid>

namespace tickets::client {

class DesktopSettings
{
public:
    static constexpr char kDefaultServer[] = "http://localhost:8000";

    // The server to use: `override` (--server) wins, then TICKETS_SERVER_URL, then the saved
    // one, then kDefaultServer.
    QUrl serverUrl(const QString &override = {}) const;
    void setServerUrl(const QUrl &url);

    // Who logged in last, to fill the login dialog.
    QString lastEmail() const;
    void setLastEmail(const QString &email);

    // The interface language: "es", "en", or empty for the system's.
    QString language() const;
    void setLanguage(const QString &code);

    // The main window's geometry, toolbars, splitter and ticket columns, as Qt saves them.
    struct WindowState
    {
        QByteArray geometry;
        QByteArray state;
        QByteArray splitter;
        QByteArray ticketColumns;
    };
    WindowState windowState() const;
    void setWindowState(const WindowState &window);

    // What someone wrote for a ticket and did not send yet, per user and ticket
    // (drafts/<usuario>/<ticket>/{text,tipo}): another user never reads it.
    struct Draft
    {
        QString text;
        TipoInteraccion tipo = TipoInteraccion::Comentario;
        bool isEmpty() const { return text.isEmpty() && tipo == TipoInteraccion::Comentario; }
        bool operator==(const Draft &) const = default;
    };
    QHash<QUuid, Draft> drafts(const QUuid &usuario) const;
    void setDraft(const QUuid &usuario, const QUuid &ticket, const Draft &draft); // an empty one is removed

private:
    QSettings m_settings;
};

} // namespace tickets::client
