"""The providing side of the `redis` interface, with the reactive interface-redis layer's keys.

It sets no flags of its own: the charm calls configure() while the endpoint is joined.
"""
from charms.reactive import Endpoint


class RedisProvides(Endpoint):
    def configure(self, host, port, password=None):
        """Tells every related client where redis listens.

        The values go through to_publish, so they are JSON-encoded in the databag: the host
        arrives as "10.1.2.3", double quotes included, the port as 6379.
        """
        for relation in self.relations:
            relation.to_publish.update({'host': host, 'port': port})
            if password:
                relation.to_publish['password'] = password
