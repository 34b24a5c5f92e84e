# casecheck: build, test, install.
#
# Knobs (git style):
#   V=1                         show every command
#   O=build                     where objects and binaries go (never committed)
#   DEVELOPER=1                 add -Werror (CI uses it)
#   SANITIZE=address,undefined  build with sanitizers
#   PKG_CONFIG, LUA_PC=lua5.4   how to find Lua (the .pc name varies by distribution)
#   PREFIX=/usr/local DESTDIR=  install locations (DESTDIR is used at install only)
#
# Targets: all check check-valgrind fuzz lint bench install uninstall deps clean distclean

O ?= build
PREFIX ?= /usr/local
prefix ?= $(PREFIX)
bindir ?= $(prefix)/bin
libdir ?= $(prefix)/lib
includedir ?= $(prefix)/include
datadir ?= $(prefix)/share
pkgconfigdir ?= $(libdir)/pkgconfig
mandir ?= $(datadir)/man
bashcompdir ?= $(datadir)/bash-completion/completions
INSTALL ?= install
PKG_CONFIG ?= pkg-config
LUA_PC ?= lua5.4
CFLAGS ?= -O2 -g
# One version, in the public header (CASECHECK_VERSION_STRING); the shared
# library's file name carries it and its soname the major number.
VERSION := $(shell sed -n 's/^\#define CASECHECK_VERSION_STRING "\(.*\)"$$/\1/p' engine/casecheck.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))

Q = $(if $(V),,@)

WARN = -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
       -Wmissing-prototypes -Wold-style-definition -Wdeclaration-after-statement \
       -Wvla -Wformat-security -Wpointer-arith
ifdef DEVELOPER
WARN += -Werror
endif
ifdef SANITIZE
SAN = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ifdef FUZZ
SAN += -fsanitize=fuzzer-no-link
endif

# Dependencies are probed lazily so that 'make deps' works before they exist.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(LUA_PC) jansson 2>/dev/null)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(LUA_PC) jansson 2>/dev/null) -lm -pthread
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
# The exercise server (engine/exercise/, in the CLI only) serves HTTP with libmicrohttpd,
# which it opens at run time rather than links (engine/exercise/mhd.h says why): the
# build takes its header, and its soname from the library pkg-config points at.
MHD_SONAME = $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir libmicrohttpd 2>/dev/null)/libmicrohttpd.so" \
	2>/dev/null | sed -n 's/^ *SONAME *//p')
MHD_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd 2>/dev/null) \
	$(if $(MHD_SONAME),-DCASECHECK_MHD_SONAME='"$(MHD_SONAME)"')
MHD_LIBS = -Wl,--push-state,--as-needed -ldl -Wl,--pop-state -pthread
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

# The policy this distribution ships as its default (casecheck steps with
# no POLICY, and the example in the CLI's help): the engine names none.
DEFAULT_POLICY ?= england-wales/conduct

# Hidden by default: only the declarations of casecheck.h are exported.
ALL_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -fPIC -pthread -fvisibility=hidden $(WARN) $(SAN) \
       -Iengine -I$(O)/gen $(DEP_CFLAGS) \
       -DCASECHECK_VERSION='"$(VERSION)"' \
       -DCASECHECK_DATADIR='"$(datadir)/casecheck"' \
       -DCASECHECK_POLICYDIR='"$(datadir)/casecheck/policies"' \
       -DCASECHECK_DEFAULT_POLICY='"$(DEFAULT_POLICY)"' \
       $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

LIB_SRCS := $(sort $(wildcard engine/*.c))
CLI_SRCS := $(sort $(wildcard engine/cli/*.c engine/exercise/*.c))
TEST_SRCS := $(sort $(wildcard tests/check_*.c))
# the engine's Lua, and the holiday calendars policies choose by name (data)
ENGINE_LUA := $(sort $(wildcard scripts/*.lua))
CALENDARS := $(sort $(wildcard policies/*/calendar.lua))
SCRIPTS := $(ENGINE_LUA) $(CALENDARS)

LIB_OBJS := $(LIB_SRCS:%.c=$(O)/%.o) $(O)/gen/scripts_embed.o
CLI_OBJS := $(CLI_SRCS:%.c=$(O)/%.o)
TEST_OBJS := $(TEST_SRCS:%.c=$(O)/%.o)

LIB_A := $(O)/libcasecheck.a
LIB_SO := $(O)/libcasecheck.so
CLI := $(O)/casecheck
TEST_BIN := $(O)/tests/check_engine

.PHONY: need-deps FORCE all check check-listing check-browser check-symlinks check-usage check-exercise check-browser-exercise check-examples check-symbols check-neutral check-valgrind fuzz fuzz-run check-unit check-adversarial check-determinism check-golden check-fixtures check-schema check-formats check-docs check-law-cites docs lint bench install uninstall deps clean distclean run
.DEFAULT_GOAL := all

all: $(CLI) $(LIB_SO) $(O)/casecheck.pc

# The front door: a fresh machine gets "run 'make deps'" instead of a
# compiler's "jansson.h: No such file". Checked before anything is built.
need-deps:
	$(Q)missing=; command -v $(firstword $(CC)) >/dev/null 2>&1 || missing="$$missing a C compiler ($(CC))"; \
	if command -v $(PKG_CONFIG) >/dev/null 2>&1; then \
		$(PKG_CONFIG) --exists $(LUA_PC) || missing="$$missing $(LUA_PC)"; \
		$(PKG_CONFIG) --exists jansson || missing="$$missing jansson"; \
	else missing="$$missing $(PKG_CONFIG)"; fi; \
	if [ -n "$$missing" ]; then \
		echo "casecheck: missing:$$missing. Run 'make deps' (it installs them from Debian), then make again." >&2; \
		exit 1; fi

# Objects and binaries depend on the flags they were built with: a change of
# CC, CFLAGS, DEVELOPER or SANITIZE rewrites $(O)/flags.stamp, which rebuilds
# them; the same flags leave it (and its date) alone.
$(O)/flags.stamp: FORCE | need-deps
	@mkdir -p $(@D)
	@printf '%s\n' "$$CASECHECK_FLAGS" | cmp -s - $@ || printf '%s\n' "$$CASECHECK_FLAGS" > $@
$(O)/flags.stamp: export CASECHECK_FLAGS = $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(CHECK_CFLAGS)
FORCE:

$(O)/%.o: %.c $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(O)/engine/exercise/%.o: engine/exercise/%.c $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(MHD_CFLAGS) -MMD -MP -c $< -o $@

$(O)/tests/%.o: tests/%.c $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

# The engine's own Lua (scripts/) is compiled into the library, so an
# embedder needs no files on disk: as bytecode, compiled by tools/embed
# (lua_dump, debug information kept, chunk names "@scripts/NAME.lua"), so
# that no process compiles it again. The calendars stay text: they are data,
# loaded in "t" mode only. tools/embed runs on the build machine and links
# the Lua the library links (LUA_PC): a cross-compile needs a native
# tools/embed against the target's Lua version and number format (lua_load
# refuses a chunk of another version or format, by name, at start-up).
LUA_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(LUA_PC) 2>/dev/null)
LUA_LIBS = $(shell $(PKG_CONFIG) --libs $(LUA_PC) 2>/dev/null)
$(O)/tools/embed: tools/embed.c $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c99 -O1 $(WARN) $(LUA_CFLAGS) $< $(LUA_LIBS) -o $@

$(O)/gen/scripts_embed.c: $(O)/tools/embed $(SCRIPTS) Makefile
	@mkdir -p $(@D)
	$(Q)$(O)/tools/embed --bytecode $(ENGINE_LUA) --text $(CALENDARS) > $@.tmp && mv $@.tmp $@

$(O)/gen/scripts_embed.o: $(O)/gen/scripts_embed.c $(O)/flags.stamp
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# What the engine says a case and a policy may use, as JSON (tools/vocab.c):
# the source that tools/vocab_docs.py generates the JSON Schema, .luacheckrc's
# policy globals and the LuaLS checks from (make docs, make check-docs).
$(O)/tools/vocab: tools/vocab.c $(LIB_A) $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) $(LIB_A) $(DEP_LIBS) -o $@

$(O)/vocab.json: $(O)/tools/vocab
	$(Q)$(O)/tools/vocab > $@.tmp && mv $@.tmp $@

$(LIB_A): $(LIB_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# The version script exports casecheck_* and nothing else; -Bsymbolic makes
# the library's calls to its own public functions bind inside it too, so no
# name an application defines can stand in for one of the library's.
$(LIB_SO).$(VERSION): $(LIB_OBJS) engine/libcasecheck.map $(O)/flags.stamp
	$(Q)$(CC) -shared -Wl,-soname,libcasecheck.so.$(SOMAJOR) -Wl,--version-script,engine/libcasecheck.map \
		-Wl,-Bsymbolic $(ALL_LDFLAGS) $(LIB_OBJS) $(DEP_LIBS) -o $@

$(LIB_SO): $(LIB_SO).$(VERSION)
	$(Q)ln -sf libcasecheck.so.$(VERSION) $(LIB_SO).$(SOMAJOR) && ln -sf libcasecheck.so.$(VERSION) $@

$(CLI): $(CLI_OBJS) $(LIB_A) $(O)/flags.stamp
	$(Q)$(CC) $(ALL_LDFLAGS) $(CLI_OBJS) $(LIB_A) $(DEP_LIBS) $(MHD_LIBS) -o $@

# One suite per tests/check_NAME.c, each defining 'Suite *NAME_suite(void)'.
SUITE_NAMES := $(filter-out main,$(TEST_SRCS:tests/check_%.c=%))
$(O)/gen/suites.h: $(TEST_SRCS)
	@mkdir -p $(@D)
	$(Q){ echo '/* generated by the Makefile from tests/check_*.c */'; \
	  for s in $(SUITE_NAMES); do echo "Suite *$${s}_suite(void);"; done; \
	  echo 'static Suite *(*const all_suites[])(void) = {'; \
	  for s in $(SUITE_NAMES); do echo "	$${s}_suite,"; done; \
	  echo '};'; } > $@

$(O)/tests/check_main.o: $(O)/gen/suites.h

$(TEST_BIN): $(TEST_OBJS) $(LIB_A) $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) $(TEST_OBJS) $(LIB_A) $(DEP_LIBS) $(CHECK_LIBS) -o $@

$(O)/casecheck.pc: Makefile
	@mkdir -p $(@D)
	$(Q)printf 'prefix=%s\nlibdir=%s\nincludedir=%s\npolicydir=%s\n\nName: casecheck\nDescription: checks police-misconduct case handling against Lua policies\nVersion: %s\nRequires.private: %s jansson\nLibs: -L$${libdir} -lcasecheck\nLibs.private: -lm -pthread\nCflags: -I$${includedir}\n' \
		'$(prefix)' '$(libdir)' '$(includedir)' '$(datadir)/casecheck/policies' '$(VERSION)' '$(LUA_PC)' > $@

# 'deps' installs what pkg-config cannot find, from Debian, and nothing else.
deps:
	@sh tools/deps.sh

# Each stage runs through tests/stage.sh, which labels its output and keeps
# its counts; the last line sums them: "check: N passed, M failed".
# The exercise's load test, the adversarial, determinism and browser stages
# (the HTML report, then the training exercise) run last, one at a time:
# they load the machine on purpose, and the unit tests hold the engine to
# time budgets.
CHECK_STAGES = check-unit check-symbols check-fixtures check-examples check-golden check-schema \
	check-formats check-docs check-law-cites check-symlinks check-usage check-neutral check-listing lint
check: deps
	$(Q)$(MAKE) --no-print-directory all $(TEST_BIN)
	$(Q)rm -rf $(O)/stages; \
	$(MAKE) --no-print-directory -k $(addprefix stage-,$(CHECK_STAGES)); rc=$$?; \
	$(MAKE) --no-print-directory stage-check-exercise || rc=1; \
	$(MAKE) --no-print-directory stage-check-adversarial || rc=1; \
	$(MAKE) --no-print-directory stage-check-determinism || rc=1; \
	$(MAKE) --no-print-directory stage-check-browser || rc=1; \
	$(MAKE) --no-print-directory stage-check-browser-exercise || rc=1; \
	sh tests/stage.sh $(O)/stages --total && exit $$rc

stage-%:
	$(Q)sh tests/stage.sh $(O)/stages $* $(MAKE) --no-print-directory $*

check-unit: $(TEST_BIN) $(CLI)
	$(Q)CASECHECK_BIN=$(abspath $(CLI)) CASECHECK_ROOT=$(CURDIR) $(TEST_BIN)

# Adversarial policies through the CLI: each ends in its named error, exit 3.
# They burn their budgets on purpose: 'check' runs them after the other
# stages, whose timeouts a busy machine would otherwise trip.
check-adversarial: $(CLI)
	$(Q)sh tests/policies/run.sh $(CLI)

# Same inputs, same bytes: a corpus run three times in separate processes.
check-determinism: $(CLI)
	$(Q)sh tests/policies/determinism.sh $(CLI)

# The embedding example builds against the library and answers a trainee.
$(O)/examples/training: examples/embed/training.c $(LIB_A) $(O)/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) $(LIB_A) $(DEP_LIBS) -o $@

# Only the public API leaves the shared library, and an application that
# defines a name the library uses inside (date_is_leap) changes nothing.
$(O)/tests/interpose: tests/interpose/interpose.c $(LIB_SO)
	@mkdir -p $(@D)
	$(Q)ln -sf libcasecheck.so $(O)/libcasecheck.so.0
	$(Q)$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) -rdynamic -L$(O) -l:libcasecheck.so \
		-Wl,-rpath,$(abspath $(O)) -o $@

check-symbols: $(LIB_SO) $(O)/tests/interpose
	$(Q)bad=$$(nm -D --defined-only $(LIB_SO) | awk '$$3 !~ /^casecheck_/ {print $$3}'); \
	if [ -n "$$bad" ]; then echo "symbols: libcasecheck.so exports $$(echo "$$bad" | wc -l) names outside casecheck_*:"; \
		echo "$$bad" | head -10; exit 1; fi
	$(Q)$(O)/tests/interpose

# The Check suites and a sample of CLI runs under valgrind (CI runs it on the
# plain build; tests/valgrind/run.sh says what is skipped and why).
check-valgrind: all $(TEST_BIN)
	$(Q)sh tests/valgrind/run.sh $(O)

# libFuzzer targets (tests/fuzz/), built by clang with ASan and UBSan in
# $(O)-fuzz: 'make fuzz' builds them, 'make fuzz-run' runs each for
# FUZZ_SECONDS on its seed corpus (the fixtures, or the policies, in the
# tree); what it finds goes to $(O)-fuzz/fuzz/. 'sh tools/deps.sh fuzz'
# installs clang and libFuzzer. Leaks are checked once, at exit, not after
# every input: the engine lives for the run and Lua frees garbage later, so a
# per-input check would scan the heap every time (5x slower) and find nothing.
# valgrind's stage checks leaks case by case.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := case policy
FUZZ_SEEDS_case := fixtures tests/good-fixtures tests/bad-fixtures tests/cli/fixtures examples/fixtures
FUZZ_SEEDS_policy := policies examples/policies tests/policies tests/cli/policies

fuzz:
	$(Q)$(MAKE) --no-print-directory O=$(O)-fuzz CC=$(FUZZ_CC) SANITIZE=address,undefined FUZZ=1 \
		$(FUZZ_TARGETS:%=$(O)-fuzz/fuzz/fuzz_%)

$(O)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_A)
	@mkdir -p $(@D)/corpus-$*
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $< $(ALL_LDFLAGS) $(LIB_A) $(DEP_LIBS) -o $@

fuzz-run: fuzz
	$(Q)for t in $(FUZZ_TARGETS); do \
		case $$t in case) seeds="$(FUZZ_SEEDS_case)";; policy) seeds="$(FUZZ_SEEDS_policy)";; esac; \
		echo "== fuzz_$$t, $(FUZZ_SECONDS) s"; \
		CASECHECK_ROOT=$(CURDIR) $(O)-fuzz/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=$(O)-fuzz/fuzz/ -print_final_stats=1 -detect_leaks=0 $(FUZZ_FLAGS) \
			$(O)-fuzz/fuzz/corpus-$$t $$seeds > $(O)-fuzz/fuzz/$$t.log 2>&1; rc=$$?; \
		grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )' $(O)-fuzz/fuzz/$$t.log; \
		if [ $$rc -ne 0 ]; then tail -40 $(O)-fuzz/fuzz/$$t.log; exit 1; fi; \
	done

check-examples: $(O)/examples/training
	$(Q)$(O)/examples/training examples/policies/example/record.lua 2020-05-15 conduct_recorded \
		| grep -q '^handled correctly *record.conduct_matter' \
		&& $(O)/examples/training examples/policies/example/record.lua 2020-05-05 \
		| grep -q '^still due *record.conduct_matter' \
		&& $(O)/examples/training examples/policies/example/record.lua 2020-05-05 \
		| grep -q '^due 2020-05-15 (7 working days left) record.conduct_matter' \
		&& $(O)/examples/training examples/policies/example/record.lua 2020-05-05 conduct_recorderd 2>&1 \
		| grep -q "^training-1: /events/1/type: unknown event type 'conduct_recorderd' (did you mean 'conduct_recorded'?)$$" \
		&& echo 'examples: 4 passed, 0 failed' \
		|| { echo 'examples: the embedding example gave the wrong answer'; exit 1; }

# The exercise server: every scenario played well and badly, every kind of bad
# request refused, and a load test of concurrent trainees (tests/exercise/).
# (After check-unit: its budget tests time themselves, and 48 trainees load the machine.)
check-exercise: $(CLI)
	$(Q)python3 tests/exercise/server_test.py $(CLI) $(CURDIR)

# The exercise in headless Chromium, when Debian's chromium is installed;
# screenshots go to $(O)/browser/ (CI keeps them as artefacts).
check-browser-exercise: $(CLI)
	$(Q)if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
		[ -d tests/browser/node_modules/playwright-core ] || npm ci --prefix tests/browser --no-audit --no-fund >/dev/null; \
		CASECHECK_BIN=$(abspath $(CLI)) CASECHECK_ROOT=$(CURDIR) SHOTS=$(abspath $(O))/browser node tests/browser/exercise.test.js; \
	else echo 'browser: skipped (no chromium at $${CHROMIUM:-/usr/bin/chromium})'; fi

# Every fixture with expectations must match them.
check-fixtures: $(CLI)
	$(Q)$(CLI) test fixtures
	$(Q)CASECHECK_PATH=examples/policies $(CLI) test examples/fixtures

check-golden: $(CLI)
	$(Q)sh tests/golden/run.sh $(CLI)

# JUnit XML through xmllint, TAP through prove: the CI formats are real.
check-formats: $(CLI)
	$(Q)sh tests/formats/run.sh $(CLI)

# The HTML report in headless Chromium (tests/browser): screenshots at three
# widths and an A4 PDF under $(O)/browser. Needs Debian's chromium, node and
# the locked npm packages (tools/deps.sh --browser; npm ci); skipped without.
CHROMIUM ?= /usr/bin/chromium
check-browser: $(CLI)
	$(Q)if [ ! -x "$(CHROMIUM)" ] || ! command -v node >/dev/null 2>&1; then \
		echo 'browser: skipped (no $(CHROMIUM) or node; sh tools/deps.sh --browser installs them)'; \
	else \
		if [ ! -d tests/browser/node_modules/playwright-core ]; then \
			npm ci --prefix tests/browser --no-audit --no-fund >/dev/null || exit 1; fi; \
		CHROMIUM=$(CHROMIUM) node tests/browser/report.test.js $(CLI) $(O)/browser; \
	fi

# The command line as a person meets it (tests/usage/run.sh).
# The engine names no jurisdiction, role, step id or one policy's event type.
check-neutral:
	$(Q)sh tests/neutral/run.sh

# 10,000 matters under the listing duties: linear cost (issue 10)
check-listing: $(CLI)
	$(Q)sh tests/listing/run.sh $(CLI)

check-usage: $(CLI)
	$(Q)sh tests/usage/run.sh $(CLI)

# No tracked symlink may point outside the tree or nowhere.
check-symlinks:
	$(Q)sh tests/symlinks.sh

# The JSON Schema and the engine's validator agree on every fixture.
check-schema: $(CLI)
	$(Q)sh tests/schema/run.sh $(CLI)

# docs/steps.md is generated from the policy; the committed copy must match.
# So are the JSON Schema and .luacheckrc's policy globals, from the engine's
# vocabulary and sandbox (tools/vocab_docs.py, which also checks the LuaLS
# files against them); tests/vocab/run.sh shows that drift fails, named.
check-docs: $(CLI) $(O)/vocab.json
	$(Q)python3 tools/vocab_docs.py --check $(O)/vocab.json
	$(Q)sh tests/vocab/run.sh $(O)/vocab.json
	$(Q)$(CLI) steps england-wales/conduct --format markdown > $(O)/steps.md
	$(Q)if ! cmp -s $(O)/steps.md docs/steps.md; then \
		diff -u docs/steps.md $(O)/steps.md | head -40; \
		echo 'docs/steps.md is out of date: make docs'; exit 1; fi
	$(Q)$(CLI) steps scotland/conduct --format markdown > $(O)/steps-scotland.md
	$(Q)if ! cmp -s $(O)/steps-scotland.md docs/steps-scotland.md; then \
		diff -u docs/steps-scotland.md $(O)/steps-scotland.md | head -40; \
		echo 'docs/steps-scotland.md is out of date: make docs'; exit 1; fi

# Every citation the policy prints is in docs/law.md's table of citations.
check-law-cites: $(CLI)
	$(Q)sh tests/law_cites.sh $(CLI) docs/law.md

docs: $(CLI) $(O)/vocab.json
	$(Q)python3 tools/vocab_docs.py --write $(O)/vocab.json
	$(Q)$(CLI) steps england-wales/conduct --format markdown > docs/steps.md
	$(Q)$(CLI) steps scotland/conduct --format markdown > docs/steps-scotland.md
	$(Q)sh tools/man.sh $(CLI) > docs/casecheck.1

lint:
	$(Q)if command -v luacheck >/dev/null 2>&1; then luacheck -q --no-color --config .luacheckrc scripts policies examples/policies; \
	else echo 'lint: luacheck not found (make deps installs lua-check)'; exit 1; fi

bench: all $(LIB_A)
	$(Q)sh bench/run.sh $(CLI)

# The main job: the England & Wales policy over the Carrick fixtures. Exit 1
# from casecheck means "findings failed", which is what this report is for.
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(CLI) run fixtures/carrick; test $$? -le 1

install: all $(LIB_A)
	$(INSTALL) -d "$(DESTDIR)$(bindir)" "$(DESTDIR)$(libdir)" "$(DESTDIR)$(includedir)" \
		"$(DESTDIR)$(pkgconfigdir)" "$(DESTDIR)$(datadir)/casecheck/policies"
	$(INSTALL) -m 755 $(CLI) "$(DESTDIR)$(bindir)/casecheck"
	$(INSTALL) -m 644 $(LIB_A) "$(DESTDIR)$(libdir)/libcasecheck.a"
	$(INSTALL) -m 755 $(LIB_SO).$(VERSION) "$(DESTDIR)$(libdir)/libcasecheck.so.$(VERSION)"
	ln -sf libcasecheck.so.$(VERSION) "$(DESTDIR)$(libdir)/libcasecheck.so.$(SOMAJOR)"
	ln -sf libcasecheck.so.$(SOMAJOR) "$(DESTDIR)$(libdir)/libcasecheck.so"
	$(INSTALL) -m 644 engine/casecheck.h "$(DESTDIR)$(includedir)/casecheck.h"
	$(INSTALL) -m 644 $(O)/casecheck.pc "$(DESTDIR)$(pkgconfigdir)/casecheck.pc"
	$(INSTALL) -d "$(DESTDIR)$(mandir)/man1" "$(DESTDIR)$(bashcompdir)"
	$(INSTALL) -m 644 docs/casecheck.1 "$(DESTDIR)$(mandir)/man1/casecheck.1"
	$(INSTALL) -m 644 tools/completion/casecheck.bash "$(DESTDIR)$(bashcompdir)/casecheck"
	cd policies && find . -name '*.lua' -exec sh -c 'for f; do $(INSTALL) -d "$(DESTDIR)$(datadir)/casecheck/policies/$$(dirname $$f)"; $(INSTALL) -m 644 "$$f" "$(DESTDIR)$(datadir)/casecheck/policies/$$f"; done' sh {} +
	$(INSTALL) -d "$(DESTDIR)$(datadir)/casecheck/exercise" "$(DESTDIR)$(datadir)/casecheck/scenarios"
	$(INSTALL) -m 644 share/exercise/* "$(DESTDIR)$(datadir)/casecheck/exercise/"
	$(INSTALL) -m 644 scenarios/*.json "$(DESTDIR)$(datadir)/casecheck/scenarios/"
	@# the dynamic linker's cache must learn of the new library (not when staging into DESTDIR)
	@if [ -z "$(DESTDIR)" ] && command -v ldconfig >/dev/null 2>&1 && [ "$$(id -u)" -eq 0 ]; then echo ldconfig; ldconfig; \
	else echo 'install: run ldconfig as root so that programs find libcasecheck.so.$(SOMAJOR)'; fi

uninstall:
	rm -f "$(DESTDIR)$(bindir)/casecheck" "$(DESTDIR)$(libdir)/libcasecheck.a" \
		"$(DESTDIR)$(libdir)/libcasecheck.so.$(SOMAJOR)" "$(DESTDIR)$(libdir)/libcasecheck.so" \
		"$(DESTDIR)$(libdir)/libcasecheck.so.$(VERSION)" \
		"$(DESTDIR)$(includedir)/casecheck.h" "$(DESTDIR)$(pkgconfigdir)/casecheck.pc" \
		"$(DESTDIR)$(mandir)/man1/casecheck.1" "$(DESTDIR)$(bashcompdir)/casecheck"
	rm -rf "$(DESTDIR)$(datadir)/casecheck"

clean:
	rm -rf $(O)

distclean: clean

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d)
