"""`make bench`: the ops requirer's relation-changed in ops' own in-process testing framework.

ops.testing's Harness runs the charm's handler in the test's own process against an in-memory
model, without a hook tool: the reference a charm developer compares a juju-sim hook with.
Usage: python ops-testing.py CHARM_DIR EVENTS, with the charm's venv; prints, as JSON, the import
of ops.testing and, per event, the event alone and the whole test around it (Harness set up,
relation and secret added, begin, the event, clean-up), in milliseconds.
"""
import json
import sys
import time

started = time.perf_counter()
import ops.testing  # noqa: E402
import_ms = (time.perf_counter() - started) * 1000

charm_dir, events = sys.argv[1], int(sys.argv[2])
sys.path[:0] = [f'{charm_dir}/src', f'{charm_dir}/lib']
from charm import OpsRedisClientCharm  # noqa: E402

event_ms, test_ms = [], []
for i in range(events):
    test_started = time.perf_counter()
    harness = ops.testing.Harness(OpsRedisClientCharm)
    secret = harness.add_model_secret('redis', {'password': '0123456789abcdef'})
    relation = harness.add_relation(
        'redis', 'redis', app_data={'password-secret': secret}, unit_data={'hostname': '127.1.0.1', 'port': '6379'}
    )
    harness.grant_secret(secret, harness.model.app.name)
    harness.set_leader(True)
    harness.begin()
    event_started = time.perf_counter()
    harness.update_relation_data(relation, 'redis/0', {'port': str(6380 + i)})
    event_ms.append((time.perf_counter() - event_started) * 1000)
    # The handler ran: it read the secret, and says where its redis is.
    assert harness.model.unit.status == ops.ActiveStatus(f'redis at 127.1.0.1:{6380 + i}'), harness.model.unit.status
    harness.cleanup()
    test_ms.append((time.perf_counter() - test_started) * 1000)
print(json.dumps({'importMs': import_ms, 'eventMs': event_ms, 'testMs': test_ms}))
