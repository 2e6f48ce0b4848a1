#pragma once
// The answers handlers build: JSON objects and arrays, FastAPI-shaped errors, and lists with
// their X-Total-Count.

#include "http/Message.h"
#include "protocol/Headers.h"
#include "protocol/Page.h"

#include <QJsonArray>
#include <QJsonValue>

namespace tickets::server {

using http::Response;

Response jsonResponse(const QJsonValue &body, int status = 200);
Response jsonResponse(const QByteArray &json, int status = 200);
// {"detail": ...} with the given status.
Response errorResponse(int status, const QJsonValue &detail);

// Link: <the same list, from the page after this one>; rel="next" (RFC 8288).
QByteArray nextLink(const http::Request &request, const QByteArray &cursor);

// With `request`, a page that has a next one says where it starts (X-Next-Cursor and Link).
template <typename T> Response listResponse(const protocol::Page<T> &page, const http::Request *request = nullptr)
{
    QJsonArray array;
    for (const T &item : page.items)
        array.append(item.toJson());
    Response response = jsonResponse(array);
    response.setHeader(protocol::header::totalCount, QByteArray::number(page.total));
    if (page.totalCapped)
        response.setHeader(protocol::header::totalCountCapped, "true");
    if (request && !page.nextCursor.isEmpty()) {
        response.setHeader(protocol::header::nextCursor, page.nextCursor);
        response.setHeader(protocol::header::link, nextLink(*request, page.nextCursor));
    }
    return response;
}

} // namespace tickets::server
