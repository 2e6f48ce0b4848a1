#pragma once
// tickets-server's command line: configuration, migrations, connection checks, and serving.

namespace tickets::server {

int runServer(int argc, char **argv);

} // namespace tickets::server
