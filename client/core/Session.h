#pragma once
// Who is using the client: the login, and the token kept in the system keychain (QtKeychain)
// so the next start logs in silently while the token is valid. The server comes from the
// ApiClient (DesktopSettings chooses it).

#include "core/ApiClient.h"

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
    void storeToken(const QString &email, const QByteArray &token);
    void forgetToken();
    void readStoredToken(const std::function<void(QByteArray)> &done);
    QString keychainKey() const;

    ApiClient &m_api;
    std::optional<Usuario> m_usuario;
};

} // namespace tickets::client
