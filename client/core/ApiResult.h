#pragma once
// What every call of the ApiClient hands back: a typed value, or an error a person can read
// (with the field problems of a 422, so a form can show them where they belong).

#include "validation/FieldError.h"

#include <QString>

#include <optional>

namespace tickets::client {

struct ApiError
{
    enum class Kind {
        None,
        Network,      // no answer: server down, wrong URL, timeout
        Unauthorized, // 401: no session or it expired
        Forbidden,    // 403: the role does not allow it
        NotFound,     // 404
        Validation,   // 422: see fields
        Throttled,    // 429
        Server,       // 5xx
        Other,        // any other 4xx
    };
    Kind kind = Kind::None;
    int status = 0;
    QString message;    // the server's detail, or Qt's description of the network problem
    FieldErrors fields; // for Validation

    bool isNone() const { return kind == Kind::None; }
};

template <typename T> struct Result
{
    std::optional<T> value;
    ApiError error;

    bool ok() const { return value.has_value(); }
};

} // namespace tickets::client
