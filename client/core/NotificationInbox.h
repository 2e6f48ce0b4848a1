#pragma once
// The current user's unread notifications: counted at login, raised by notificacion_creada
// events addressed to them (it subscribes itself), cleared when marked read.

#include "core/ApiClient.h"

namespace tickets::client {

class LiveEvents;

class NotificationInbox : public QObject
{
    Q_OBJECT
public:
    explicit NotificationInbox(ApiClient &api, LiveEvents *live = nullptr, QObject *parent = nullptr);

    void setUsuario(const QUuid &usuarioId); // loads the unread count
    int unread() const { return m_unread; }
    void applyEvent(const events::Event &event); // what `live` delivers

Q_SIGNALS:
    void unreadChanged(int unread);
    void arrived(const tickets::Notificacion &notificacion);

private:
    void load(bool announceNewest); // the unread count, and the newest notice when asked

    ApiClient &m_api;
    QUuid m_usuarioId;
    int m_unread = 0;
};

} // namespace tickets::client
