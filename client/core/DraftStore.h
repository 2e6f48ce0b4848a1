#pragma once
// The unsent text of each ticket's composer, and its type, for the signed-in user: kept in
// memory while the app runs and written to DesktopSettings (debounced), so moving to another
// ticket, a logout or a restart loses nothing, and one user never sees another's drafts.

#include "core/DesktopSettings.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace tickets::client {

class DraftStore : public QObject
{
    Q_OBJECT
public:
    using Draft = DesktopSettings::Draft;
    static constexpr int kWriteDelayMs = 500;

    explicit DraftStore(QObject *parent = nullptr);
    ~DraftStore() override; // writes what is pending

    // Whose drafts these are: writes the previous user's pending ones, reads this one's. Without
    // a user (null) drafts live in memory only.
    void setUsuario(const QUuid &usuario);
    const QUuid &usuario() const { return m_usuario; }

    Draft draft(const QUuid &ticket) const; // empty when there is none
    // An empty draft removes it. Written within kWriteDelayMs: typing costs one write per
    // interval, not one per key, and a crash loses at most that much.
    void setDraft(const QUuid &ticket, const Draft &draft);
    void remove(const QUuid &ticket); // at once: it was sent
    void removeAll();                 // every draft of this user, at once
    int withText() const;             // the drafts a discard would lose
    void flush();                     // writes what is pending now

private:
    QUuid m_usuario;
    QHash<QUuid, Draft> m_drafts;
    QSet<QUuid> m_pending; // changed in memory, not written yet
    QTimer m_write;
};

} // namespace tickets::client
