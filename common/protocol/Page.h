#pragma once
// One page of a list as the API serves it and the client reads it: the items, the total the
// list would have without paging (X-Total-Count), and whether that total stopped at a cap.

#include <QList>

namespace tickets::protocol {

template <typename T> struct Page
{
    QList<T> items;
    qint64 total = 0;
    bool totalCapped = false; // the count stopped at a cap: there are at least `total`
    QByteArray nextCursor;    // where the next page starts (protocol::Cursor); empty on the last page
};

} // namespace tickets::protocol
