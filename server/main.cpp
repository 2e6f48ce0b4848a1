#include "app/ServerCommand.h"

int main(int argc, char **argv)
{
    return tickets::server::runServer(argc, argv);
}
