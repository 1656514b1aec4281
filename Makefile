# juju-sim build. `make` installs and builds everything; `make test` runs the tests;
# `make demo` runs a demo model and prints its databags; `make bench` prints the benchmarks.
SHELL := /bin/bash
CC ?= cc
TOOLS_DIR := hooktools/bin
# better-sqlite3 builds from source where no prebuilt binary fits; node-gyp then needs headers.
NODEDIR := $(if $(wildcard /usr/include/node/node.h),npm_config_nodedir=/usr,)

.PHONY: all build install tools charms test demo bench clean

all: build

# tap builds its test class for the plugins package.json names (not its TypeScript loader: the
# tests run compiled) on its first run, but that run still starts its test processes with the
# plugins it was installed with: build it here, so that every run has ours.
node_modules/.package-lock.json: package.json package-lock.json
	$(NODEDIR) npm ci --no-audit --no-fund
	npx tap build >/dev/null
	@touch $@

install: node_modules/.package-lock.json

# The daemon and the command line then run bundled, each one file of JavaScript in place of the
# 360 and 200 modules tsc wrote (and the tests import): finding and loading those was most of a
# daemon's start (0.37 -> 0.18 s of CPU) and of a Node command line's. better-sqlite3 is native;
# execa is loaded when a charm build first needs it; the CommonJS packages they hold (pino,
# commander, yaml) get the `require` an ES module lacks.

# The tests are compiled with the rest (dist/test/) and tap runs them as JavaScript: loading a
# TypeScript loader into each of the suite's hundred-odd test processes cost a second of CPU each.
# A test deleted from test/ must not linger in dist/test/, where tap would still find it.
dist/.built: node_modules/.package-lock.json tsconfig.json $(shell find core cmd charmbuild agent hooktools bench test -name '*.ts' -not -path '*/.venv/*' 2>/dev/null)
	rm -rf dist/test
	npx tsc -p tsconfig.json
	npx esbuild dist/agent/daemon.js dist/cmd/main.js --outdir=dist --outbase=dist --allow-overwrite \
	  --bundle --platform=node --format=esm --target=node20 --sourcemap --log-level=warning \
	  --external:better-sqlite3 --external:execa \
	  --banner:js="import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);"
	chmod +x dist/cmd/main.js
	@touch $@

# Linked statically where the C library allows it (a libc.a): a hook makes 7 to 28 tool calls
# (a reactive relation-changed 14), and each exec of a dynamically linked client first pays the
# loader mapping and relocating libc, a quarter of its CPU (0.68 ms against 0.51 measured). It
# uses nothing a static glibc cannot do (no NSS: no user, group or host look-ups).
$(TOOLS_DIR)/jujuc: hooktools/client/jujuc.c Makefile
	@mkdir -p $(TOOLS_DIR)
	$(CC) -O2 -Wall -Wextra $$(echo 'int main(void) { return 0; }' | $(CC) -x c -static -o /dev/null - 2>/dev/null && echo -static) -o $@ $<

# Every hook tool name is a symlink to the one native client, as Juju's jujuc. Called as juju-sim
# it is the command line's front end: bin/juju-sim, for your PATH; called as juju, it answers
# Juju's command line (bin/juju), for suites written for Juju.
tools: $(TOOLS_DIR)/jujuc dist/.built
	@for name in $$(node dist/hooktools/tool-names.js); do ln -sfn jujuc $(TOOLS_DIR)/$$name; done
	@mkdir -p bin && ln -sfn ../$(TOOLS_DIR)/jujuc bin/juju-sim && ln -sfn ../$(TOOLS_DIR)/jujuc bin/juju

build: dist/.built tools charms

# The example charms' Python environments (ops, charms.reactive from PyPI), built once into
# juju-sim's charm cache so that deploys and tests reuse them.
PYTHON_CHARMS := $(wildcard charms/ops-* charms/reactive-*)
charms: dist/.built
	@node dist/cmd/main.js build $(PYTHON_CHARMS) >/dev/null

# The jubilant suite of test/integration runs in a venv of its own (pytest and jubilant from
# PyPI), made with the real interpreter behind any pyenv shim.
INTEGRATION_VENV := test/integration/.venv
$(INTEGRATION_VENV)/.installed: test/integration/requirements.txt
	rm -rf $(INTEGRATION_VENV)
	"$$(python3 -c 'import sys; print(sys.executable)')" -m venv $(INTEGRATION_VENV)
	$(INTEGRATION_VENV)/bin/pip install --quiet --disable-pip-version-check -r $<
	@touch $@

test: build $(INTEGRATION_VENV)/.installed
	test/run

demo: build
	./demo.sh

bench: build $(INTEGRATION_VENV)/.installed
	node dist/bench/run.js

clean:
	rm -rf dist $(TOOLS_DIR) bin
