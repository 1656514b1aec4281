#!/usr/bin/env python3
"""A pretend redis: tells every related client where to connect, as redis-k8s's v0 library does.

Its password is a Juju secret of the application's, rotated daily: the leader grants it to each
redis relation and puts its URI in the relation's application databag, as charms share secrets.
"""

import logging
import secrets

import ops

logger = logging.getLogger(__name__)

PASSWORD_LABEL = "redis-password"


class OpsRedisCharm(ops.CharmBase):
    """Provider of the `redis` interface: `hostname` and `port` in the unit databag."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.install, self._on_install)
        framework.observe(self.on.config_changed, self._on_config_changed)
        framework.observe(self.on.redis_relation_joined, self._on_redis_relation)
        framework.observe(self.on.redis_relation_changed, self._on_redis_relation)
        framework.observe(self.on.secret_rotate, self._on_secret_rotate)
        framework.observe(self.on.secret_remove, self._on_secret_remove)
        framework.observe(self.on.secret_changed, self._on_secret_changed)

    def _on_install(self, _: ops.InstallEvent):
        self.unit.status = ops.ActiveStatus()

    def _on_config_changed(self, _: ops.ConfigChangedEvent):
        # A new port must reach the clients that are already related.
        for relation in self.model.relations["redis"]:
            self._publish(relation)
        self.unit.status = ops.ActiveStatus()

    def _on_redis_relation(self, event: ops.RelationEvent):
        self._publish(event.relation)
        self.unit.status = ops.ActiveStatus()

    def _publish(self, relation: ops.Relation):
        data = relation.data[self.unit]
        data["hostname"] = self._address(relation)
        data["port"] = str(self.config["port"])
        logger.info("told %s: redis at %s:%s", relation.app.name if relation.app else "?", data["hostname"], data["port"])
        if self.unit.is_leader():
            self._share_password(relation)

    def _password(self) -> ops.Secret:
        """The application's password secret, made by the first leader that needs it."""
        try:
            return self.model.get_secret(label=PASSWORD_LABEL)
        except ops.SecretNotFoundError:
            return self.app.add_secret(
                {"password": secrets.token_hex(8)}, label=PASSWORD_LABEL, rotate=ops.SecretRotate.DAILY
            )

    def _share_password(self, relation: ops.Relation):
        """The related application may read the password; where to find it goes in our application databag."""
        secret = self._password()
        secret.grant(relation)
        relation.data[self.app]["password-secret"] = secret.id or secret.get_info().id

    def _on_secret_rotate(self, event: ops.SecretRotateEvent):
        # A new revision: each client gets secret-changed and reads it when it is ready.
        event.secret.set_content({"password": secrets.token_hex(8)})
        logger.info("rotated the redis password")

    def _on_secret_changed(self, event: ops.SecretChangedEvent):
        # Juju counts the owner's own reads (get_secret above): its units consume the secret too,
        # and an old revision goes only once they have moved on from it.
        event.secret.get_content(refresh=True)

    def _on_secret_remove(self, event: ops.SecretRemoveEvent):
        # No client reads this revision any more.
        event.remove_revision()

    def _address(self, relation: ops.Relation) -> str:
        """This unit's address on the relation's network, else the address Juju put in the databag."""
        try:
            binding = self.model.get_binding(relation)
            network = binding.network if binding else None
            address = network and (network.bind_address or network.ingress_address)
            if address:
                return str(address)
        except ops.ModelError as e:
            logger.warning("no network for the redis relation (%s); using private-address", str(e).strip())
        return relation.data[self.unit].get("private-address", "")


if __name__ == "__main__":  # pragma: nocover
    ops.main(OpsRedisCharm)
