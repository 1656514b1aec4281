"""The bundled redis charms through jubilant, as a charm repository's integration tests run them."""

from __future__ import annotations

import jubilant
import pytest


@pytest.fixture(scope='module', autouse=True)
def deployed(juju: jubilant.Juju, packed):
    juju.deploy(packed('ops-redis'), 'redis')
    juju.deploy(packed('ops-redis-client'), 'client', num_units=2)
    juju.wait(lambda status: jubilant.all_active(status, 'redis') and jubilant.all_blocked(status, 'client'))


def test_integrate_and_both_sides_see_the_data(juju: jubilant.Juju):
    juju.integrate('redis', 'client')
    status = juju.wait(jubilant.all_active)
    assert status.apps['client'].units['client/0'].workload_status.message.startswith('redis at ')

    provider = juju.show_unit('redis/0')
    for info in provider.relation_info:
        if info.endpoint == 'redis':
            assert set(info.related_units) == {'client/0', 'client/1'}
            break
    else:
        pytest.fail('redis/0 shows no redis relation')

    consumer = juju.show_unit('client/0')
    (info,) = [r for r in consumer.relation_info if r.endpoint == 'redis']
    data = info.related_units['redis/0'].data
    assert data['port'] == '6379'
    assert data['hostname']


def test_action(juju: jubilant.Juju):
    task = juju.run('client/0', 'get-redis')
    assert task.status == 'completed'
    assert task.results['port'] == '6379'

    with pytest.raises((jubilant.CLIError, ValueError)):
        juju.run('redis/0', 'no-such-action')


def test_exec(juju: jubilant.Juju):
    task = juju.exec('relation-ids', 'redis', unit='client/1')
    assert task.return_code == 0
    assert task.stdout.startswith('redis:')

    with pytest.raises(jubilant.TaskError):
        juju.exec('exit 3', unit='client/1')


def test_config(juju: jubilant.Juju):
    juju.config('redis', {'port': 7000})
    assert juju.config('redis')['port'] == 7000
    juju.wait(lambda status: jubilant.all_active(status) and all(
        unit.workload_status.message.endswith(':7000') for unit in status.apps['client'].units.values()
    ))
    juju.config('redis', reset='port')
    assert juju.config('redis')['port'] == 6379


def test_remove(juju: jubilant.Juju):
    juju.remove_relation('redis', 'client')
    juju.wait(lambda status: jubilant.all_blocked(status, 'client'))
    juju.remove_unit('client/1')
    juju.wait(lambda status: set(status.apps['client'].units) == {'client/0'})
    juju.remove_application('client')
    juju.wait(lambda status: 'client' not in status.apps)


def test_trust_and_model_constraints(juju: jubilant.Juju, packed):
    juju.deploy(packed('ops-redis'), 'trusted', trust=True)
    assert juju.config('trusted', app_config=True)['trust'] is True
    juju.trust('trusted', remove=True)
    assert juju.config('trusted', app_config=True)['trust'] is False
    juju.remove_application('trusted')
    juju.model_constraints({'arch': 'amd64'})
    assert juju.model_constraints() == {'arch': 'amd64'}
