#include "auth/PasswordHasher.h"

#include <QPromise>
#include <QThread>
#include <QThreadPool>

#include <atomic>
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

namespace {
std::atomic<int> verificationsInFlight{0};
} // namespace

bool verifiersFull()
{
    return verificationsInFlight.load() >= kVerifierThreads + kVerificationsWaiting;
}

std::optional<QFuture<bool>> verifyOnPool(const QByteArray &stored, const QString &password)
{
    static QThreadPool *const pool = [] {
        auto *created = new QThreadPool; // never destroyed: threads may still be busy at exit
        created->setMaxThreadCount(kVerifierThreads);
        created->setObjectName(QStringLiteral("password-verifiers"));
        // SCHED_IDLE on Linux: Argon2 runs on what request handling leaves, never instead of it.
        created->setThreadPriority(QThread::IdlePriority);
        return created;
    }();
    std::atomic<int> &inFlight = verificationsInFlight;
    if (inFlight.fetch_add(1) >= kVerifierThreads + kVerificationsWaiting) {
        inFlight.fetch_sub(1);
        return std::nullopt;
    }
    auto promise = std::make_shared<QPromise<bool>>();
    QFuture<bool> result = promise->future();
    promise->start();
    pool->start([promise, stored, password] {
        bool match = false;
        try {
            match = verify(stored, password);
        } catch (...) {
            match = false; // libsodium unusable: no match, and the caller says so
        }
        verificationsInFlight.fetch_sub(1);
        promise->addResult(match);
        promise->finish();
    });
    return result;
}

} // namespace tickets::server::PasswordHasher
