#include "core/LiveChannel.h"

namespace tickets::client {

WebSocketChannel::WebSocketChannel(QObject *parent) : LiveChannel(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, &LiveChannel::opened);
    connect(&m_socket, &QWebSocket::disconnected, this, &LiveChannel::closed);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LiveChannel::messageReceived);
}

WebSocketChannel::~WebSocketChannel()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

} // namespace tickets::client
