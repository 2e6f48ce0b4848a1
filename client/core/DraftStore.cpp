#include "core/DraftStore.h"

namespace tickets::client {

DraftStore::DraftStore(QObject *parent) : QObject(parent), m_write(this)
{
    m_write.setSingleShot(true);
    m_write.setInterval(kWriteDelayMs);
    connect(&m_write, &QTimer::timeout, this, &DraftStore::flush);
}

DraftStore::~DraftStore()
{
    flush();
}

void DraftStore::setUsuario(const QUuid &usuario)
{
    if (usuario == m_usuario)
        return;
    flush();
    m_usuario = usuario;
    m_drafts = DesktopSettings().drafts(usuario);
}

DraftStore::Draft DraftStore::draft(const QUuid &ticket) const
{
    return m_drafts.value(ticket);
}

void DraftStore::setDraft(const QUuid &ticket, const Draft &draft)
{
    if (ticket.isNull() || m_drafts.value(ticket) == draft)
        return;
    if (draft.isEmpty())
        m_drafts.remove(ticket);
    else
        m_drafts.insert(ticket, draft);
    m_pending.insert(ticket);
    if (!m_write.isActive())
        m_write.start();
}

void DraftStore::remove(const QUuid &ticket)
{
    m_drafts.remove(ticket);
    m_pending.remove(ticket);
    DesktopSettings().setDraft(m_usuario, ticket, {});
}

void DraftStore::removeAll()
{
    const QList<QUuid> tickets = m_drafts.keys();
    for (const QUuid &ticket : tickets)
        remove(ticket);
    flush(); // drafts emptied since the last write
}

int DraftStore::withText() const
{
    int count = 0;
    for (const Draft &draft : m_drafts) {
        if (!draft.text.trimmed().isEmpty())
            ++count;
    }
    return count;
}

void DraftStore::flush()
{
    m_write.stop();
    if (m_pending.isEmpty())
        return;
    DesktopSettings settings;
    for (const QUuid &ticket : std::as_const(m_pending))
        settings.setDraft(m_usuario, ticket, m_drafts.value(ticket));
    m_pending.clear();
}

} // namespace tickets::client
