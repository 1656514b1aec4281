"""A pretend redis: tells every related client where to connect and with which password."""
import secrets

from charmhelpers.core import hookenv
from charms.reactive import endpoint_from_name, hook, set_flag, when, when_not

REDIS_VERSION = '7.2.4'


@when_not('redis.installed')
def install():
    hookenv.application_version_set(REDIS_VERSION)
    set_flag('redis.installed')


@hook('leader-elected')
def make_password():
    """The leader makes the password once; leader settings hand it to every unit."""
    if not hookenv.leader_get('password'):
        hookenv.leader_set(password=secrets.token_hex(8))


@when('endpoint.redis.joined')
def publish():
    # Level-triggered: this runs in every hook while a client is related, and re-publishes the
    # same values; only a real change reaches the clients as relation-changed.
    redis = endpoint_from_name('redis')
    port = hookenv.config('port')
    redis.configure(hookenv.unit_private_ip(), port, hookenv.leader_get('password'))
    hookenv.status_set('active', 'serving {} relation(s) on port {}'.format(len(redis.relations), port))


@when_not('endpoint.redis.joined')
def no_clients():
    hookenv.status_set('active', 'no clients')
