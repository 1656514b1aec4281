"""A redis client: finds its redis through the redis interface and says so in its status."""
from charmhelpers.core import hookenv
from charms.reactive import clear_flag, endpoint_from_flag, set_flag, when, when_not

WAITING = 'waiting for redis relation data'


@when('endpoint.redis.available')
def connect():
    redis = endpoint_from_flag('endpoint.redis.available')
    servers = redis.relation_data()
    if not servers:
        # `available` only says that some unit sent a port. A provider that names its address
        # anything but `host` (ops' redis library says `hostname`) leaves nothing to connect to.
        clear_flag('client.connected')
        hookenv.status_set('blocked', 'redis available, but relation_data() is empty')
        return
    address = '{host}:{port}'.format(**servers[0])
    set_flag('client.connected')
    hookenv.status_set('active', 'redis at ' + address)
    for relation in redis.relations:
        relation.to_publish_raw['redis-address'] = address
    if hookenv.config('fail-on-connect'):
        hookenv.relation_set(redis.relations[0].relation_id, {'redis-address': address})
        raise RuntimeError('fail-on-connect is set')


@when_not('endpoint.redis.available')
def waiting():
    clear_flag('client.connected')
    hookenv.status_set('blocked', WAITING)
