#!/usr/bin/env python3
"""A redis client: remembers where its redis is and says so in its status."""

import logging

import ops

logger = logging.getLogger(__name__)

WAITING = "waiting for redis relation data"


class OpsRedisClientCharm(ops.CharmBase):
    """Requirer of the `redis` interface."""

    _stored = ops.StoredState()

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self._stored.set_default(host=None, port=None)
        framework.observe(self.on.install, self._show_status)
        framework.observe(self.on.start, self._show_status)
        framework.observe(self.on.config_changed, self._show_status)
        framework.observe(self.on.redis_relation_changed, self._on_redis_relation_changed)
        framework.observe(self.on.redis_relation_broken, self._on_redis_relation_broken)
        framework.observe(self.on.get_redis_action, self._on_get_redis_action)

    def _show_status(self, _: ops.EventBase):
        if self._stored.host and self._stored.port:
            self.unit.status = ops.ActiveStatus(f"redis at {self._stored.host}:{self._stored.port}")
        else:
            self.unit.status = ops.BlockedStatus(WAITING)

    def _on_redis_relation_changed(self, event: ops.RelationChangedEvent):
        if self.config["defer-changed"]:
            logger.info("deferring %s (defer-changed is set)", event.handle)
            event.defer()
            return
        if event.unit is None:
            return  # a change of the remote application's databag: nothing to read here
        data = event.relation.data[event.unit]
        host, port = data.get("hostname"), data.get("port")
        if host and port:
            self._stored.host, self._stored.port = host, port
        self._show_status(event)
        if host and port:
            event.relation.data[self.unit]["redis-address"] = f"{host}:{port}"
        if self.config["fail-on-changed"]:
            raise RuntimeError("fail-on-changed is set")

    def _on_redis_relation_broken(self, event: ops.RelationBrokenEvent):
        self._stored.host = self._stored.port = None
        self._show_status(event)

    def _on_get_redis_action(self, event: ops.ActionEvent):
        if not (self._stored.host and self._stored.port):
            event.fail(WAITING)
            return
        event.set_results({"host": self._stored.host, "port": self._stored.port})


if __name__ == "__main__":  # pragma: nocover
    ops.main(OpsRedisClientCharm)
