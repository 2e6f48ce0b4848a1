#pragma once
// Shows validation problems under the fields they belong to. The same FieldErrors come from
// tickets_common's checks before sending and from the server's 422 after, so both read alike.

#include "validation/FieldError.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

class QLabel;
class QWidget;

namespace tickets::client {

class FormErrors
{
    Q_DECLARE_TR_FUNCTIONS(FormErrors)
public:
    // A person's wording of one Pydantic error (the server speaks English in `msg`).
    static QString describe(const FieldError &error);

    // An error label (hidden while empty) placed under `field`'s editor.
    QLabel *addField(const QString &field, QWidget *parent);
    void clear();
    // Shows each error on its field; returns the messages that fit no field.
    QStringList show(const FieldErrors &errors);
    QString textOf(const QString &field) const;

private:
    QHash<QString, QLabel *> m_labels;
};

} // namespace tickets::client
