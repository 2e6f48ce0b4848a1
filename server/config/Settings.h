#pragma once
// Every environment variable the server and the worker read, in one table: its default (the
// member initialisers of Config, shown from a default Config), how it is parsed and checked,
// how the effective value is logged (secrets masked) and what it means. loadConfig(),
// Config::describe(), `tickets-server --settings` and the README's configuration table (a
// test keeps it identical) all come from this table.

#include "config/Config.h"

#include <QList>
#include <QString>

#include <functional>

namespace tickets::server {

struct Setting
{
    QString variable;
    QString meaning;                                         // a sentence, as the README shows it (Markdown allowed)
    bool secret = false;                                     // never logged in clear
    QString defaultOverride;                                 // shown instead of the default Config's value, when set
    std::function<void(Config &, const Environment &)> read; // throws ConfigError
    std::function<QString(const Config &)> show;             // the value, as the variable would be set

    QString defaultText() const; // "–" when there is none
};

const QList<Setting> &settings();

// The README's configuration table, generated from settings().
QString settingsMarkdownTable();

} // namespace tickets::server
