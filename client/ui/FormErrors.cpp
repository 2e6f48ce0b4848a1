#include "ui/FormErrors.h"

#include "ui/Palette.h"

#include <QLabel>

namespace tickets::client {

QString FormErrors::describe(const FieldError &error)
{
    if (error.type == QLatin1String("missing"))
        return tr("Este campo es obligatorio");
    if (error.type == QLatin1String("string_too_short"))
        return error.ctx.value(QStringLiteral("min_length")).toInt() <= 1
                   ? tr("Este campo no puede estar vacío")
                   : tr("Debe tener al menos %1 caracteres").arg(error.ctx.value(QStringLiteral("min_length")).toInt());
    if (error.type == QLatin1String("string_too_long"))
        return tr("Debe tener como máximo %1 caracteres").arg(error.ctx.value(QStringLiteral("max_length")).toInt());
    if (error.type == QLatin1String("value_error") && error.loc.last().toString() == QLatin1String("email"))
        return tr("No es una dirección de correo válida");
    if (error.type == QLatin1String("enum"))
        return tr("Elija uno de los valores de la lista");
    return error.msg;
}

QLabel *FormErrors::addField(const QString &field, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(field + QStringLiteral("Error"));
    label->setStyleSheet(palette::textStyle(palette::danger));
    label->setWordWrap(true);
    label->hide();
    m_labels.insert(field, label);
    return label;
}

void FormErrors::clear()
{
    for (QLabel *label : std::as_const(m_labels)) {
        label->clear();
        label->hide();
    }
}

QStringList FormErrors::show(const FieldErrors &errors)
{
    clear();
    QStringList unplaced;
    for (const FieldError &error : errors) {
        QLabel *label = m_labels.value(error.loc.last().toString());
        if (!label) {
            unplaced << describe(error);
            continue;
        }
        if (label->text().isEmpty()) {
            label->setText(describe(error));
            label->show();
        }
    }
    return unplaced;
}

QString FormErrors::textOf(const QString &field) const
{
    const QLabel *label = m_labels.value(field);
    return label ? label->text() : QString();
}

} // namespace tickets::client
