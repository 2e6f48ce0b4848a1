#include "auth/PasswordHasher.h"

#include <QThreadPool>

#include <atomic>
#include <future>
#include <sodium.h>
#include <stdexcept>

namespace tickets::server::PasswordHasher {

namespace {
void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
}

QByteArray hashBytes(const QByteArray &utf8)
{
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return QByteArray(out);
}

// A valid hash of nothing anyone types, to spend the same time on unknown accounts.
const QByteArray &decoyHash()
{
    static const QByteArray decoy = hashBytes(QByteArrayLiteral("\x01 decoy password, never a real one \x01"));
    return decoy;
}
} // namespace

QByteArray hash(const QString &password)
{
    QByteArray utf8 = password.toUtf8();
    QByteArray result = hashBytes(utf8);
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    return result;
}

bool verify(const QByteArray &stored, const QString &password)
{
    ensureSodium();
    QByteArray utf8 = password.toUtf8();
    const bool usable = !stored.isEmpty() && stored.size() < crypto_pwhash_STRBYTES;
    const QByteArray &against = usable ? stored : decoyHash();
    const bool match = crypto_pwhash_str_verify(against.constData(), utf8.constData(),
                                                static_cast<unsigned long long>(utf8.size())) == 0;
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    return usable && match;
}

std::optional<bool> verifyBounded(const QByteArray &stored, const QString &password)
{
    static QThreadPool *const pool = [] {
        auto *created = new QThreadPool; // never destroyed: threads may still be busy at exit
        created->setMaxThreadCount(kVerifierThreads);
        created->setObjectName(QStringLiteral("password-verifiers"));
        return created;
    }();
    static std::atomic<int> inFlight{0};
    if (inFlight.fetch_add(1) >= kVerifierThreads + kVerificationsWaiting) {
        inFlight.fetch_sub(1);
        return std::nullopt;
    }
    std::promise<bool> promise;
    std::future<bool> result = promise.get_future();
    pool->start([&] {
        try {
            promise.set_value(verify(stored, password));
        } catch (...) {
            promise.set_exception(std::current_exception());
        }
    });
    struct Done
    {
        ~Done() { inFlight.fetch_sub(1); }
    } done;
    return result.get();
}

} // namespace tickets::server::PasswordHasher
