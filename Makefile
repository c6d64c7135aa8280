# Warta - article normalization service.
#
#   make run        build and start the service on its embedded defaults
#   make test       unit + golden + end-to-end tests under ASan/UBSan,
#                   plus a warnings-as-errors compile with clang
#   make bench      throughput and latency ratios against same-run baselines
#   make bench-quality   article-body F1 on the six datasets of ../shared/bench
#                   beside the best peer, and fundus metadata match rates
#                   (DATASETS="fundus dragnet" for a subset, QUALITY_OUT=DIR
#                   keeps per-page predictions and scores, worst pages listed)
#   make fuzz       every libFuzzer target in tests/fuzz for FUZZ_SECONDS (60)
#                   each, one after another; fails on any crash, leak, timeout
#                   or sanitizer report (FUZZ_TARGETS="html dates" for a subset;
#                   inputs and logs under build/fuzz/<target>/)
#   make deps       install every Debian package the build, tests and service need
#   make container  build the image warta:latest (podman; docker/Dockerfile)
#   make test-container   build the images, run nginx + two replicas + Redis
#                   under podman and check the deployment through nginx
#   make deps-container   install podman and what it needs (Debian packages)
#
# Sources are discovered by wildcard: a new file under handlers/ or server/,
# or a new tests/unit/**/test_*.c, needs no change here.

CC      ?= cc
BUILD   ?= build
SHARED  ?= $(or $(WARTA_SHARED),../shared)
NODE_DIR := tests/node
PYTHON  ?= /usr/bin/python3

# Debian packages: libraries (-dev), the test tools and the bench tools.
# libclang-rt-14-dev holds libFuzzer and the sanitizer runtimes for clang
# (make fuzz, and the fuzz smoke of make test).
DEB_PACKAGES := gcc clang libclang-rt-14-dev make pkg-config ca-certificates \
	libmicrohttpd-dev libjansson-dev libcurl4-openssl-dev libcmocka-dev \
	libutf8proc-dev libexttextcat-dev libxml2-dev libsqlite3-dev \
	libhiredis-dev libxxhash-dev libuchardet-dev zlib1g-dev \
	redis-server wrk python3 python3-yaml python3-jsonschema chromium
PKG_MODULES  := libmicrohttpd jansson libcurl libutf8proc libexttextcat \
	libxml-2.0 sqlite3 hiredis libxxhash uchardet zlib

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -Werror
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude -Ihandlers -I$(BUILD)/gen $(WARNINGS)
OPT_CFLAGS  ?= -O2 -g
SAN_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined

PKG_CFLAGS = $(shell pkg-config --cflags $(PKG_MODULES) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKG_MODULES) 2>/dev/null) -lpthread -lm

LIB_SRCS    := $(sort $(wildcard handlers/*.c handlers/*/*.c handlers/*/*/*.c))
SERVER_SRCS := $(sort $(filter-out server/main.c,$(wildcard server/*.c)))
UNIT_SRCS   := $(sort $(wildcard tests/unit/*/test_*.c tests/unit/*/*/test_*.c))
E2E_SRCS    := $(sort $(wildcard tests/e2e/test_*.c))
SUPPORT_SRCS := $(sort $(wildcard tests/support/*.c))

REL_OBJS := $(patsubst %.c,$(BUILD)/rel/%.o,$(LIB_SRCS) $(SERVER_SRCS))
SAN_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(LIB_SRCS) $(SERVER_SRCS))
SUPPORT_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(SUPPORT_SRCS))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/san/tests/unit/%,$(UNIT_SRCS))
E2E_BINS  := $(patsubst tests/e2e/%.c,$(BUILD)/san/tests/e2e/%,$(E2E_SRCS))

# libFuzzer targets (tests/fuzz/README.md): the library built again with
# clang, coverage instrumentation and ASan + UBSan; one binary per
# tests/fuzz/fuzz_<target>.c. FUZZ_SECONDS is per target; make test runs
# each for FUZZ_SMOKE_SECONDS as part of the suite.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_SRCS    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))
FUZZ_OBJS    := $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(LIB_SRCS) $(SERVER_SRCS))
FUZZ_BINS    := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/bin/%,$(FUZZ_SRCS))

.PHONY: all build run test unit e2e check-clang bench bench-quality bench-html deps \
	deps-check deps-node clean format lint asan print-config help container \
	test-container deps-container fuzz fuzz-build
.DEFAULT_GOAL := all

all: deps-check $(BUILD)/warta

build: all

# deps-check installs only when a package is missing, so `make run` and
# `make test` work on a fresh Debian 12 machine that has only make. The
# Node tools are checked only where their lock file is: the image build
# copies the sources alone, and compiles need no Node.
deps-check:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then echo "warta: missing Debian packages:$$missing"; $(MAKE) --no-print-directory deps; \
	elif [ -f $(NODE_DIR)/package-lock.json ] && \
	     { [ ! -f $(NODE_DIR)/node_modules/.package-lock.json ] || \
	       [ $(NODE_DIR)/package-lock.json -nt $(NODE_DIR)/node_modules/.package-lock.json ]; }; then \
		$(MAKE) --no-print-directory deps-node; fi

deps:
	@echo "warta: installing Debian packages: $(DEB_PACKAGES)"
	@if [ "$$(id -u)" -eq 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	else echo "warta: make deps must run as root (or with sudo) to apt-get install: $(DEB_PACKAGES)" >&2; exit 1; fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$SUDO apt-get update -qq && \
	$$SUDO apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES) >/dev/null || \
	{ echo "warta: apt-get could not install the packages above; install them by hand and retry" >&2; exit 1; }; \
	if ! command -v npm >/dev/null 2>&1; then \
		echo "warta: installing Debian packages: nodejs npm"; \
		$$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || \
		{ echo "warta: apt-get could not install nodejs npm" >&2; exit 1; }; fi
	@$(MAKE) --no-print-directory deps-node

# The Node tools of the suite (the OpenAPI lint, the playground's browser
# test), at the versions of $(NODE_DIR)/package-lock.json. A node that came
# with its npm (NodeSource) is used as it is; otherwise `deps` installs
# Debian's nodejs and npm. The browser is Debian's chromium, never one npm
# downloads.
deps-node:
	@echo "warta: npm ci in $(NODE_DIR)"
	@cd $(NODE_DIR) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

# Order-only on deps-check: under `make -j` the compiles must wait for the
# packages that provide their headers.
$(BUILD)/rel/%.o: %.c | deps-check
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/san/%.o: %.c | deps-check
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -Itests/support -MMD -MP -c $< -o $@

# Files served as they are (openapi.yaml, the playground page) are compiled
# into the binary: $(call embed,FILE,NAME) writes NAME[], FILE's bytes plus a
# trailing NUL, and NAME_etag[], a quoted strong validator (the first 16 hex
# digits of FILE's SHA-256) for ETag and If-None-Match. od and sha256sum
# keep it free of extra build tools.
define embed
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@{ echo "/* generated from $(1) by the Makefile; do not edit */"; \
	  echo "static const unsigned char $(2)[] = {"; \
	  od -An -v -tx1 $(1) | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo "0x00};"; \
	  echo "static const char $(2)_etag[] = \"\\\"$$(sha256sum < $(1) | cut -c1-16)\\\"\";"; \
	} > $@.tmp && mv $@.tmp $@
endef

GEN_HEADERS := $(BUILD)/gen/openapi_yaml.h $(BUILD)/gen/playground_html.h

$(BUILD)/gen/openapi_yaml.h: openapi.yaml | deps-check
	$(call embed,openapi.yaml,warta_openapi_yaml)

$(BUILD)/gen/playground_html.h: handlers/playground.html | deps-check
	$(call embed,handlers/playground.html,warta_playground_html)

$(BUILD)/rel/handlers/meta.o $(BUILD)/san/handlers/meta.o \
$(BUILD)/fuzz/obj/handlers/meta.o: $(BUILD)/gen/openapi_yaml.h
$(BUILD)/rel/handlers/playground.o $(BUILD)/san/handlers/playground.o \
$(BUILD)/fuzz/obj/handlers/playground.o: $(BUILD)/gen/playground_html.h

$(BUILD)/warta: $(REL_OBJS) $(BUILD)/rel/server/main.o
	$(CC) $(OPT_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/san/libwarta.a: $(SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/san/warta: $(BUILD)/san/server/main.o $(BUILD)/san/libwarta.a
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/san/tests/unit/%: tests/unit/%.c $(BUILD)/san/libwarta.a $(SUPPORT_OBJS)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -Itests/support -Wno-missing-prototypes \
		-o $@ $< $(SUPPORT_OBJS) $(BUILD)/san/libwarta.a $(PKG_LIBS) -lcmocka

$(BUILD)/san/tests/e2e/%: tests/e2e/%.c $(BUILD)/san/libwarta.a $(SUPPORT_OBJS)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -Itests/support -Wno-missing-prototypes \
		-o $@ $< $(SUPPORT_OBJS) $(BUILD)/san/libwarta.a $(PKG_LIBS) -lcmocka

$(BUILD)/fuzz/obj/%.o: %.c | deps-check
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) \
		-MMD -MP -c $< -o $@

$(BUILD)/fuzz/libwarta.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

# The library is an archive so a target may #include a source file to
# reach its statics (fuzz_url.c includes fetch.c) without a clash.
$(BUILD)/fuzz/bin/%: tests/fuzz/%.c tests/fuzz/common.c tests/fuzz/common.h \
		$(BUILD)/fuzz/libwarta.a | deps-check
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) \
		-Itests/fuzz -o $@ $< tests/fuzz/common.c $(BUILD)/fuzz/libwarta.a $(PKG_LIBS)

# The support objects are only prerequisites of pattern rules: without
# this, make deletes them as intermediates and relinks every test.
.SECONDARY: $(SUPPORT_OBJS)

run: deps-check $(BUILD)/warta
	./$(BUILD)/warta serve

# The compile with clang is part of the suite: both compilers must stay
# warning-free under -Werror.
check-clang: $(GEN_HEADERS)
	@command -v clang >/dev/null || { echo "warta: clang missing (make deps)"; exit 1; }
	@for f in $(LIB_SRCS) $(SERVER_SRCS) server/main.c; do \
		clang $(BASE_CFLAGS) $(PKG_CFLAGS) -fsyntax-only $$f || exit 1; done
	@for f in $(SUPPORT_SRCS) $(UNIT_SRCS) $(E2E_SRCS); do \
		clang $(BASE_CFLAGS) $(PKG_CFLAGS) -Itests/support -Wno-missing-prototypes \
			-fsyntax-only $$f || exit 1; done
	@for f in $(FUZZ_SRCS) tests/fuzz/common.c; do \
		gcc $(BASE_CFLAGS) $(PKG_CFLAGS) -Itests/fuzz -fsyntax-only $$f || exit 1; done
	@echo "check-clang: $(words $(LIB_SRCS) $(SERVER_SRCS) server/main.c $(SUPPORT_SRCS) $(UNIT_SRCS) $(E2E_SRCS)) files clean under clang -Werror, $(words $(FUZZ_SRCS) common.c) fuzz files under gcc -Werror"

# Subsets of `make test` for a quick loop; `make test` is the whole suite.
unit: deps-check $(UNIT_BINS)
	@WARTA_BIN=$(BUILD)/san/warta WARTA_SHARED=$(SHARED) PYTHON=$(PYTHON) \
		WARTA_TEST_CHECKS=0 sh tests/run.sh $(UNIT_BINS)

e2e: deps-check $(BUILD)/san/warta $(E2E_BINS)
	@WARTA_BIN=$(BUILD)/san/warta WARTA_SHARED=$(SHARED) PYTHON=$(PYTHON) \
		sh tests/run.sh $(E2E_BINS)

# The clang compile and the banned-function lint run first but count like
# tests, so a failure still ends in the "N passed, N failed" line CI reads.
# The fuzz smoke (FUZZ_SMOKE_SECONDS per target) counts one test per target.
test: deps-check $(GEN_HEADERS) $(BUILD)/warta $(BUILD)/san/warta $(UNIT_BINS) $(E2E_BINS) \
		$(FUZZ_BINS)
	@clang_status=0; $(MAKE) --no-print-directory check-clang || clang_status=1; \
	lint_status=0; $(MAKE) --no-print-directory lint || lint_status=1; \
	WARTA_BIN=$(BUILD)/san/warta WARTA_SHARED=$(SHARED) PYTHON=$(PYTHON) \
		WARTA_CLANG_STATUS=$$clang_status WARTA_LINT_STATUS=$$lint_status \
		WARTA_FUZZ_DIR=$(BUILD)/fuzz WARTA_FUZZ_TARGETS="$(FUZZ_TARGETS)" \
		WARTA_FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) \
		sh tests/run.sh $(UNIT_BINS) $(E2E_BINS)

fuzz-build: deps-check $(FUZZ_BINS)

# One target after another, each on one core (tests/fuzz/run.sh runs it
# under nice): the machine is shared.
fuzz: fuzz-build
	@status=0; for t in $(FUZZ_TARGETS); do \
		sh tests/fuzz/run.sh $(BUILD)/fuzz $$t $(FUZZ_SECONDS) || status=1; \
	done; exit $$status

bench: deps-check $(BUILD)/warta
	@$(MAKE) --no-print-directory -C tests/bench BUILD=$(abspath $(BUILD)) SHARED=$(abspath $(SHARED))

# Method and output: tests/bench/README.md. An empty DATASETS means all six
# (the list lives in quality.py only).
DATASETS    ?=
QUALITY_OUT ?=

bench-quality: deps-check $(BUILD)/warta
	@$(PYTHON) tests/bench/quality.py --warta $(BUILD)/warta --bench $(SHARED)/bench \
		--python $(PYTHON) $(if $(QUALITY_OUT),--out $(QUALITY_OUT)) $(DATASETS)

# HTML pipeline throughput against a bare libxml2 parse of the same pages.
$(BUILD)/bench/html_speed: tests/bench/html_speed.c tests/support/slurp.c $(REL_OBJS)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) -Itests/support -o $@ $^ $(PKG_LIBS)

bench-html: deps-check $(BUILD)/bench/html_speed
	@$(BUILD)/bench/html_speed --rounds 5 $(SHARED)/bench/scrapinghub/html

# Containers: podman builds and runs docker/Dockerfile where no Docker
# engine exists (tests/container/). iptables is what netavark publishes
# ports and joins networks with; debootstrap makes the Debian base image
# when no registry can be reached; curl and python3-yaml drive the test.
CONTAINER_PACKAGES := podman buildah runc netavark aardvark-dns iptables \
	debootstrap curl python3 python3-yaml

deps-container:
	@missing=""; for p in $(CONTAINER_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then echo "warta: installing for containers:$$missing"; \
		$(MAKE) --no-print-directory deps DEB_PACKAGES="$$missing"; fi

container: deps-container
	@bash tests/container/build.sh

test-container: deps-container
	@WARTA_SHARED=$(SHARED) bash tests/container/test-stack.sh

lint:
	@! grep -nE '\b(strcpy|sprintf|strtok|atoi|gets)\s*\(' $(LIB_SRCS) $(SERVER_SRCS) server/main.c \
		$(SUPPORT_SRCS) $(UNIT_SRCS) $(E2E_SRCS) $(FUZZ_SRCS) tests/fuzz/common.c \
		|| { echo "lint: banned function above"; exit 1; }
	@echo "lint: no banned functions"

format:
	clang-format -i $(LIB_SRCS) $(SERVER_SRCS) server/main.c include/warta/*.h

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
