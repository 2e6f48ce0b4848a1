# tickets-server (rpm %preun): stop the services when the package goes (not on upgrade).
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl stop tickets-worker.service tickets-server.service >/dev/null 2>&1 || :
    systemctl disable tickets-worker.service tickets-server.service >/dev/null 2>&1 || :
fi
