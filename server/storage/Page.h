#pragma once
// One page of a list, with the total the list would have without skip/limit (X-Total-Count).

#include <QList>

namespace tickets::server {

template <typename T> struct Page
{
    QList<T> items;
    qint64 total = 0;
    bool totalCapped = false; // total stopped counting at a cap: there are at least that many
};

} // namespace tickets::server
