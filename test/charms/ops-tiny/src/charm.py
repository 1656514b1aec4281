#!/usr/bin/env python3
"""Prints what dispatch gave it, as JSON: the test checks the venv, PYTHONPATH and environment."""
# Not executable on purpose: the builder must make the entry point executable, as charmcraft does.

import json
import os
import sys

import ops
from charms.tiny.v0.greeting import GREETING

print(json.dumps({
    "cwd": os.getcwd(),
    "prefix": sys.prefix,
    "ops": ops.__version__,
    "lib": GREETING,
    "dispatch_path": os.environ.get("JUJU_DISPATCH_PATH"),
}))
