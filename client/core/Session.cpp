#include "core/Session.h"

#include "core/DesktopSettings.h"

#include <qt6keychain/keychain.h>

namespace tickets::client {

namespace {
const QString kService = QStringLiteral("tickets-desktop");
} // namespace

Session::Session(ApiClient &api, QObject *parent) : QObject(parent), m_api(api)
{
    connect(&m_api, &ApiClient::sessionExpired, this, [this] {
        if (!m_usuario)
            return;
        signOut();
        forgetToken();
        Q_EMIT needsLogin(tr("Su sesión ha caducado. Vuelva a iniciar sesión."));
    });
}

bool Session::keychainEnabled()
{
    return qEnvironmentVariableIntValue("TICKETS_DESKTOP_NO_KEYCHAIN") == 0;
}

void Session::signIn(const Usuario &usuario)
{
    m_usuario = usuario;
    m_capabilities.setRol(usuario.rol);
    Q_EMIT loggedIn(usuario);
}

void Session::signOut()
{
    m_api.setToken({});
    m_usuario.reset();
    m_capabilities.setRol(std::nullopt);
}

QString Session::keychainKey() const
{
    // One entry per server: a token for one is worthless to another.
    return m_api.baseUrl().toString();
}

void Session::readStoredToken(const std::function<void(QByteArray)> &done)
{
    if (!keychainEnabled()) {
        done({});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(keychainKey());
    connect(job, &QKeychain::Job::finished, this,
            [job, done] { done(job->error() == QKeychain::NoError ? job->binaryData() : QByteArray()); });
    job->start();
}

void Session::storeToken(const QString &email, const QByteArray &token)
{
    DesktopSettings().setLastEmail(email);
    if (!keychainEnabled())
        return;
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(keychainKey());
    job->setBinaryData(token);
    connect(job, &QKeychain::Job::finished, this, [job] {
        if (job->error() != QKeychain::NoError)
            qWarning("the keychain did not keep the session: %s", qPrintable(job->errorString()));
    });
    job->start();
}

void Session::forgetToken()
{
    if (!keychainEnabled())
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(keychainKey());
    job->start();
}

void Session::resume()
{
    readStoredToken([this](const QByteArray &token) {
        if (token.isEmpty()) {
            Q_EMIT needsLogin(QString());
            return;
        }
        m_api.setToken(token);
        m_api.me(this, [this](Result<Usuario> result) {
            if (result.ok() && result.value->activo) {
                signIn(*result.value);
                return;
            }
            m_api.setToken({});
            if (result.error.kind == ApiError::Kind::Unauthorized) {
                forgetToken();
                Q_EMIT needsLogin(tr("Su sesión ha caducado. Vuelva a iniciar sesión."));
            } else {
                Q_EMIT needsLogin(result.error.message);
            }
        });
    });
}

void Session::login(const QString &email, const QString &password)
{
    m_api.setToken({});
    m_api.login(LoginRequest{email.trimmed(), password}, this, [this, email](Result<LoginResult> result) {
        if (!result.ok()) {
            Q_EMIT loginFailed(result.error.kind == ApiError::Kind::Network
                                   ? tr("No se puede conectar con el servidor: %1").arg(result.error.message)
                                   : result.error.message);
            return;
        }
        m_api.setToken(result.value->accessToken.toLatin1());
        storeToken(email.trimmed(), m_api.token());
        signIn(result.value->usuario);
    });
}

void Session::logout()
{
    m_api.logout(this, [](Result<bool>) {});
    signOut();
    forgetToken();
    Q_EMIT loggedOut();
}

} // namespace tickets::client
