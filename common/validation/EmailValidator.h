#pragma once
// Email syntax check with the rules and wording of python-email-validator (what Pydantic's EmailStr uses).

#include <QString>

namespace tickets::validation {

struct EmailCheck
{
    QString normalized; // domain lower-cased, as email-validator returns it
    QString reason;     // empty when the address is valid
};

EmailCheck checkEmail(const QString &address);

} // namespace tickets::validation
