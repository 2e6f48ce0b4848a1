#pragma once
// Argon2id password hashes through libsodium (crypto_pwhash_str): the string stored holds the
// algorithm, its costs and the salt, so the costs can rise later without breaking old hashes.

#include <QByteArray>
#include <QFuture>
#include <QString>

#include <optional>

namespace tickets::server {

namespace PasswordHasher {

// A new hash of `password` (about 0.1 s and 64 MiB with libsodium's interactive costs).
QByteArray hash(const QString &password);

// Whether `password` matches `stored`. An empty or malformed `stored` never matches, but
// costs the same time as a real check, so an unknown account does not answer faster.
bool verify(const QByteArray &stored, const QString &password);

// verify() on a small pool of its own (2 threads, 8 checks waiting at most), so a burst of
// logins cannot take every core or grow without bound, and no event loop waits for it: the
// result arrives as a future. Nothing when the pool is full: the caller answers 503 with
// Retry-After.
std::optional<QFuture<bool>> verifyOnPool(const QByteArray &stored, const QString &password);
// Whether verifyOnPool() would refuse now: a login checks it before doing any other work, so
// a burst is turned away for the cost of an atomic read.
bool verifiersFull();
inline constexpr int kVerifierThreads = 2;
inline constexpr int kVerificationsWaiting = 8;

} // namespace PasswordHasher

} // namespace tickets::server
