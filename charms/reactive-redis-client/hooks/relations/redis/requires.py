"""The requiring side of the `redis` interface, as the reactive interface-redis layer behaves.

Flags: `endpoint.<endpoint>.available` as soon as any joined unit has sent a `port` (whatever
else it sent), cleared when no unit is joined any more.
"""
from charms.reactive import Endpoint, clear_flag, set_flag, when, when_not


class RedisRequires(Endpoint):
    @when('endpoint.{endpoint_name}.joined')
    def _joined(self):
        self._check_port()

    @when('endpoint.{endpoint_name}.changed')
    def _changed(self):
        self._check_port()
        clear_flag(self.expand_name('changed'))

    @when_not('endpoint.{endpoint_name}.joined')
    def _gone(self):
        clear_flag(self.expand_name('available'))

    def _check_port(self):
        if any(unit.received['port'] for unit in self.all_joined_units):
            set_flag(self.expand_name('available'))

    def relation_data(self):
        """One {'host', 'port'[, 'password']} per joined unit that sent both host and port.

        Values are JSON-decoded: a port sent as the text 6379 comes back as the number 6379.
        """
        servers = []
        for unit in self.all_joined_units:
            host, port = unit.received['host'], unit.received['port']
            if not (host and port):
                continue
            server = {'host': host, 'port': port}
            if unit.received['password']:
                server['password'] = unit.received['password']
            servers.append(server)
        return servers
