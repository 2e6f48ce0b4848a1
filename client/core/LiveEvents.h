#pragma once
// The live feed: a WebSocket to /ws/eventos that reconnects with back-off, and after every
// reconnect catches up with GET /eventos?since=<last seq>. Events reach models as a signal,
// once each and in order; when the client was away too long to catch up event by event it
// asks them to reload instead (resyncNeeded). The catch-up waits for the server's "conectado"
// message, so no event falls between the catch-up and the live feed. Models connect to
// eventReceived themselves. The socket is a LiveChannel (a WebSocket unless a test gives another).

#include "events/Events.h"

#include <QObject>
#include <QTimer>

namespace tickets::client {

class ApiClient;
class LiveChannel;

class LiveEvents : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Connecting, Live, Disconnected };
    Q_ENUM(State)

    explicit LiveEvents(ApiClient &api, QObject *parent = nullptr);              // over a WebSocket
    LiveEvents(ApiClient &api, LiveChannel &channel, QObject *parent = nullptr); // over `channel`
    ~LiveEvents() override;

    void start(); // (re)connects with the ApiClient's URL and token
    void stop();
    State state() const { return m_state; }
    qint64 lastSeq() const { return m_lastSeq; }

    // Missed events caught up one by one up to this many; beyond, the views reload.
    void setCatchUpLimit(int events) { m_catchUpLimit = events; }

Q_SIGNALS:
    void eventReceived(const tickets::events::Event &event);
    void resyncNeeded();
    void stateChanged(tickets::client::LiveEvents::State state);

private:
    void setState(State state);
    void onConnected();
    void onDelivering(); // the server's "conectado": from now on nothing is missed
    void onDisconnected();
    void onMessage(const QString &message);
    void deliver(const events::Event &event);
    void catchUp();

    ApiClient &m_api;
    LiveChannel &m_channel;
    QTimer m_retry;
    QTimer m_greeting; // a server that sends no "conectado" is taken as delivering after a while
    State m_state = State::Stopped;
    qint64 m_lastSeq = 0;
    int m_delayMs = 1000;
    bool m_catchingUp = false;
    int m_catchUpLimit = 1000;
    QList<events::Event> m_heldBack; // arrived while catching up: delivered after it
};

} // namespace tickets::client
