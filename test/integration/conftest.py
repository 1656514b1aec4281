"""Fixtures as a charm repository writes them: a temporary model per module, and packed charms.

Nothing here knows about juju-sim: the `juju` on PATH is juju-sim's, which is the point.
"""

from __future__ import annotations

import pathlib
import subprocess
from collections.abc import Iterator

import jubilant
import pytest

CHARMS = pathlib.Path(__file__).parents[2] / 'charms'


@pytest.fixture(scope='module')
def juju() -> Iterator[jubilant.Juju]:
    with jubilant.temp_model() as juju:
        yield juju


@pytest.fixture(scope='session')
def packed(tmp_path_factory: pytest.TempPathFactory):
    """Packs a bundled charm once per session, as `charmcraft pack` would, and returns its path."""
    out = tmp_path_factory.mktemp('charms')
    cache: dict[str, pathlib.Path] = {}

    def pack(name: str) -> pathlib.Path:
        if name not in cache:
            result = subprocess.run(
                ['juju-sim', 'pack', str(CHARMS / name), '--output', str(out)],
                check=True, capture_output=True, text=True,
            )
            cache[name] = pathlib.Path(result.stdout.strip())
        return cache[name]

    return pack
