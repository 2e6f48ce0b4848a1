#pragma once
// Answers handlers build: JSON objects, and lists with their X-Total-Count.

#include "http/HttpError.h"
#include "storage/Page.h"

#include <QJsonArray>

namespace tickets::server {

template <typename T> QHttpServerResponse listResponse(const Page<T> &page)
{
    QJsonArray array;
    for (const T &item : page.items)
        array.append(item.toJson());
    QHttpServerResponse response = jsonResponse(array);
    response.setHeader("X-Total-Count", QByteArray::number(page.total));
    if (page.totalCapped)
        response.setHeader("X-Total-Count-Capped", "true");
    return response;
}

} // namespace tickets::server
