#include "ui/ConnectionBanner.h"

#include "ui/Palette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tickets::client {

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_retry(new QPushButton(tr("Reintentar"), this))
{
    setObjectName(QStringLiteral("connectionBanner"));
    setStyleSheet(QStringLiteral("#connectionBanner { background: %1; border: 1px solid %2; border-radius: 4px; }")
                      .arg(palette::bannerBackground.name(), palette::warning.name()));
    m_label->setWordWrap(true);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_retry);
    connect(m_retry, &QPushButton::clicked, this, &ConnectionBanner::retryRequested);
    hide();
}

void ConnectionBanner::showProblem(const QString &message)
{
    m_label->setText(tr("No se puede conectar con el servidor: %1").arg(message));
    show();
}

QString ConnectionBanner::message() const
{
    return m_label->text();
}

} // namespace tickets::client
