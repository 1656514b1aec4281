#!/usr/bin/env python3
"""A redis client: remembers where its redis is and says so in its status.

Its redis's password is a secret the provider grants it: the URI comes in the provider's
application databag, the client reads the revision it has and moves to a new one on
secret-changed.
"""

import logging

import ops

logger = logging.getLogger(__name__)

WAITING = "waiting for redis relation data"
PASSWORD_LABEL = "redis-password"


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
        framework.observe(self.on.secret_changed, self._on_secret_changed)

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
        self._track_password(event.relation)
        if event.unit is None:
            return  # a change of the remote application's databag: only the password is there
        data = event.relation.data[event.unit]
        host, port = data.get("hostname"), data.get("port")
        if host and port:
            self._stored.host, self._stored.port = host, port
        self._show_status(event)
        if host and port:
            event.relation.data[self.unit]["redis-address"] = f"{host}:{port}"
        if self.config["fail-on-changed"]:
            raise RuntimeError("fail-on-changed is set")

    def _track_password(self, relation: ops.Relation):
        """The first read of the secret the provider shared, under our own label, makes us its consumer."""
        uri = relation.data[relation.app].get("password-secret") if relation.app else None
        if uri:
            self.model.get_secret(id=uri, label=PASSWORD_LABEL)

    def _on_secret_changed(self, event: ops.SecretChangedEvent):
        # The provider rotated the password: move to the new revision.
        event.secret.get_content(refresh=True)
        logger.info("using the new revision of the redis password")

    def _on_redis_relation_broken(self, event: ops.RelationBrokenEvent):
        self._stored.host = self._stored.port = None
        self._show_status(event)

    def _on_get_redis_action(self, event: ops.ActionEvent):
        if not (self._stored.host and self._stored.port):
            event.fail(WAITING)
            return
        results = {"host": self._stored.host, "port": self._stored.port}
        try:
            results["password"] = self.model.get_secret(label=PASSWORD_LABEL).get_content()["password"]
        except ops.SecretNotFoundError:
            pass  # a provider that shares no password
        event.set_results(results)


if __name__ == "__main__":  # pragma: nocover
    ops.main(OpsRedisClientCharm)
