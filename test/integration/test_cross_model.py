"""A cross-model relation through jubilant, as upstream jubilant's own test_cross_model does it:
the bash redis provider offered in one temporary model, consumed and related in another."""

from __future__ import annotations

from collections.abc import Iterator

import jubilant
import pytest


@pytest.fixture(scope='module')
def model2() -> Iterator[jubilant.Juju]:
    with jubilant.temp_model() as juju:
        yield juju


def test_offer_and_consume(juju: jubilant.Juju, model2: jubilant.Juju, packed):
    juju.deploy(packed('bash-redis'))
    juju.offer('bash-redis', endpoint='redis', name='redisx')

    model2.deploy(packed('bash-client'))
    model2.consume(f'{juju.model}.redisx', 'cache')
    model2.integrate('cache', 'bash-client')

    # Each model's agents go idle; the other's changes may wake them again, so wait for both a few times.
    for _ in range(3):
        juju.wait(jubilant.all_agents_idle)
        model2.wait(jubilant.all_agents_idle)

    status2 = model2.wait(jubilant.all_agents_idle)
    assert status2.apps['bash-client'].relations['redis'][0].related_app == 'cache'
    assert status2.app_endpoints['cache'].relations['redis'][0] == 'bash-client'
    assert status2.app_endpoints['cache'].url.endswith('.redisx')
    status = juju.wait(jubilant.all_agents_idle)
    assert status.offers['redisx'].total_connected_count == 1

    (info,) = model2.show_unit('bash-client/0').relation_info
    assert info.related_units['cache/0'].data['port'] == '6379'
    (offered,) = juju.show_unit('bash-redis/0').relation_info
    ((proxy, unit),) = offered.related_units.items()
    assert proxy.startswith('remote-')
    assert unit.data['redis-port'] == '6379'

    # remove-offer --force removes the relation too: both sides depart and break.
    juju.cli('remove-offer', 'redisx', '--force', '-y')
    for _ in range(3):
        juju.wait(jubilant.all_agents_idle)
        model2.wait(jubilant.all_agents_idle)
    assert not juju.show_unit('bash-redis/0').relation_info
    assert not model2.show_unit('bash-client/0').relation_info
    assert not juju.status().offers
    model2.cli('remove-saas', 'cache')
    assert not model2.status().app_endpoints
