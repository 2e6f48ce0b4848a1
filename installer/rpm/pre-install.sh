# tickets-server (rpm %pre): the system user the services run as.
getent group tickets >/dev/null || groupadd -r tickets
getent passwd tickets >/dev/null || useradd -r -g tickets -d /var/lib/tickets -s /sbin/nologin \
    -c "Soporte ticket server" tickets
exit 0
