#pragma once
// Who is using the client: the login, and the token kept in the system keychain (QtKeychain)
// so the next start logs in silently while the token is valid. The server comes from the
// ApiClient (DesktopSettings chooses it). What the person may do is its Capabilities.

#include "core/ApiClient.h"
#include "core/Capabilities.h"

#include <QObject>

namespace tickets::client {

class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(ApiClient &api, QObject *parent = nullptr);

    // Whether the token goes to the keychain (off in tests: TICKETS_DESKTOP_NO_KEYCHAIN=1).
    static bool keychainEnabled();

    const std::optional<Usuario> &usuario() const { return m_usuario; }
    // Follows the signed-in user: set before loggedIn, cleared when the session ends.
    const Capabilities &capabilities() const { return m_capabilities; }

    // Tries the saved token; emits loggedIn or needsLogin.
    void resume();
    void login(const QString &email, const QString &password);
    void logout();

Q_SIGNALS:
    void loggedIn(const tickets::Usuario &usuario);
    void needsLogin(const QString &reason); // empty on a first start
    void loginFailed(const QString &message);
    void loggedOut();

private:
    void signIn(const Usuario &usuario);
    void signOut(); // the session is over: no token, no user, no capabilities
    void storeToken(const QString &email, const QByteArray &token);
    void forgetToken();
    void readStoredToken(const std::function<void(QByteArray)> &done);
    QString keychainKey() const;

    ApiClient &m_api;
    std::optional<Usuario> m_usuario;
    Capabilities m_capabilities;
};

} // namespace tickets::client
