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
# Targets: all check lint bench install uninstall deps clean distclean

O ?= build
PREFIX ?= /usr/local
prefix ?= $(PREFIX)
bindir ?= $(prefix)/bin
libdir ?= $(prefix)/lib
includedir ?= $(prefix)/include
datadir ?= $(prefix)/share
pkgconfigdir ?= $(libdir)/pkgconfig
INSTALL ?= install
PKG_CONFIG ?= pkg-config
LUA_PC ?= lua5.4
CFLAGS ?= -O2 -g
VERSION := 0.1.0

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

# Dependencies are probed lazily so that 'make deps' works before they exist.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(LUA_PC) jansson 2>/dev/null)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(LUA_PC) jansson 2>/dev/null) -lm
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

ALL_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -fPIC $(WARN) $(SAN) \
       -Iengine -I$(O)/gen $(DEP_CFLAGS) \
       -DCASECHECK_VERSION='"$(VERSION)"' \
       -DCASECHECK_DATADIR='"$(datadir)/casecheck"' \
       $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

LIB_SRCS := $(sort $(wildcard engine/*.c))
CLI_SRCS := $(sort $(wildcard engine/cli/*.c))
TEST_SRCS := $(sort $(wildcard tests/check_*.c))
SCRIPTS := $(sort $(wildcard scripts/*.lua))

LIB_OBJS := $(LIB_SRCS:%.c=$(O)/%.o) $(O)/gen/scripts_embed.o
CLI_OBJS := $(CLI_SRCS:%.c=$(O)/%.o)
TEST_OBJS := $(TEST_SRCS:%.c=$(O)/%.o)

LIB_A := $(O)/libcasecheck.a
LIB_SO := $(O)/libcasecheck.so
CLI := $(O)/casecheck
TEST_BIN := $(O)/tests/check_engine

.PHONY: all check check-unit check-golden check-fixtures lint bench install uninstall deps clean distclean run-main
.DEFAULT_GOAL := all

all: $(CLI) $(LIB_SO) $(O)/casecheck.pc

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(O)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

# The engine's own Lua (scripts/) is compiled into the library as text, so an
# embedder needs no files on disk; chunk names stay "@scripts/NAME.lua".
$(O)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c99 -O1 $(WARN) $< -o $@

$(O)/gen/scripts_embed.c: $(O)/tools/embed $(SCRIPTS)
	@mkdir -p $(@D)
	$(Q)$(O)/tools/embed $(SCRIPTS) > $@.tmp && mv $@.tmp $@

$(O)/gen/scripts_embed.o: $(O)/gen/scripts_embed.c
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(LIB_SO): $(LIB_OBJS)
	$(Q)$(CC) -shared -Wl,-soname,libcasecheck.so.0 $(ALL_LDFLAGS) $^ $(DEP_LIBS) -o $@

$(CLI): $(CLI_OBJS) $(LIB_A)
	$(Q)$(CC) $(ALL_LDFLAGS) $(CLI_OBJS) $(LIB_A) $(DEP_LIBS) -o $@

$(TEST_BIN): $(TEST_OBJS) $(LIB_A)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) $(TEST_OBJS) $(LIB_A) $(DEP_LIBS) $(CHECK_LIBS) -o $@

$(O)/casecheck.pc: Makefile
	@mkdir -p $(@D)
	$(Q)printf 'prefix=%s\nlibdir=%s\nincludedir=%s\n\nName: casecheck\nDescription: checks police-misconduct case handling against Lua policies\nVersion: %s\nRequires.private: %s jansson\nLibs: -L$${libdir} -lcasecheck\nCflags: -I$${includedir}\n' \
		'$(prefix)' '$(libdir)' '$(includedir)' '$(VERSION)' '$(LUA_PC)' > $@

# 'deps' installs what pkg-config cannot find, from Debian, and nothing else.
deps:
	@sh tools/deps.sh

check: deps
	$(Q)$(MAKE) --no-print-directory all $(TEST_BIN)
	$(Q)$(MAKE) --no-print-directory check-unit check-fixtures check-golden lint

check-unit: $(TEST_BIN) $(CLI)
	$(Q)CASECHECK_BIN=$(abspath $(CLI)) CASECHECK_ROOT=$(CURDIR) $(TEST_BIN)

# Every fixture with expectations must match them.
check-fixtures: $(CLI)
	$(Q)$(CLI) test fixtures

check-golden: $(CLI)
	$(Q)sh tests/golden/run.sh $(CLI)

lint:
	$(Q)if command -v luacheck >/dev/null 2>&1; then luacheck -q --config .luacheckrc scripts policies; \
	else echo 'lint: luacheck not found (make deps installs lua-check)'; exit 1; fi

bench: all
	$(Q)sh bench/run.sh $(CLI)

# The main job: the England & Wales policy over the Carrick fixtures.
run-main: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(CLI) run fixtures/carrick; test $$? -le 1

install: all $(LIB_A)
	$(INSTALL) -d "$(DESTDIR)$(bindir)" "$(DESTDIR)$(libdir)" "$(DESTDIR)$(includedir)" \
		"$(DESTDIR)$(pkgconfigdir)" "$(DESTDIR)$(datadir)/casecheck/policies"
	$(INSTALL) -m 755 $(CLI) "$(DESTDIR)$(bindir)/casecheck"
	$(INSTALL) -m 644 $(LIB_A) "$(DESTDIR)$(libdir)/libcasecheck.a"
	$(INSTALL) -m 755 $(LIB_SO) "$(DESTDIR)$(libdir)/libcasecheck.so.0"
	ln -sf libcasecheck.so.0 "$(DESTDIR)$(libdir)/libcasecheck.so"
	$(INSTALL) -m 644 engine/casecheck.h "$(DESTDIR)$(includedir)/casecheck.h"
	$(INSTALL) -m 644 $(O)/casecheck.pc "$(DESTDIR)$(pkgconfigdir)/casecheck.pc"
	cd policies && find . -name '*.lua' -exec sh -c 'for f; do $(INSTALL) -d "$(DESTDIR)$(datadir)/casecheck/policies/$$(dirname $$f)"; $(INSTALL) -m 644 "$$f" "$(DESTDIR)$(datadir)/casecheck/policies/$$f"; done' sh {} +

uninstall:
	rm -f "$(DESTDIR)$(bindir)/casecheck" "$(DESTDIR)$(libdir)/libcasecheck.a" \
		"$(DESTDIR)$(libdir)/libcasecheck.so.0" "$(DESTDIR)$(libdir)/libcasecheck.so" \
		"$(DESTDIR)$(includedir)/casecheck.h" "$(DESTDIR)$(pkgconfigdir)/casecheck.pc"
	rm -rf "$(DESTDIR)$(datadir)/casecheck"

clean:
	rm -rf $(O)

distclean: clean

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d)
