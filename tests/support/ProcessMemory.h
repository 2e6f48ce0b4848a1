#pragma once
// How much memory a process holds, for the tests that bound what a hostile client may cost.

#include <QFile>
#include <QRegularExpression>

namespace tickets::test {

// VmRSS of `pid` in kB; -1 when unreadable.
inline qint64 residentKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const auto match =
        QRegularExpression(QStringLiteral(R"(VmRSS:\s+(\d+))")).match(QString::fromLatin1(status.readAll()));
    return match.captured(1).toLongLong();
}

} // namespace tickets::test
