# strata - one non-recursive Makefile: the core, each driver, the tests.
#
# The boundary that matters: the core (build/strata) links libc, libdl,
# iniparser, libcrypto, jansson and libyaml only; each driver links only its own
# client library.  `make check` asserts it with ldd.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DRIVERDIR ?= $(PREFIX)/lib/strata
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
# The pkg-config file describes a header alone: arch-independent.
PKGCONFIGDIR ?= $(PREFIX)/share/pkgconfig
# The driver kit: the template driver an author copies (plugins/template).
TEMPLATEDIR ?= $(PREFIX)/share/strata/template
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
PKG_CONFIG ?= pkg-config
CC ?= cc
CXX ?= c++
BUILD ?= build
OPT ?= -O2

WARN = -Wall -Wextra -Wstrict-prototypes -Wwrite-strings -Wshadow \
       -Wno-missing-field-initializers -Werror
# -I.: the core, the drivers and the tests include "abi/free.h".
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(OPT) -g -MMD -MP \
             -Iinclude -I. $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)

ifdef SANITIZER
ALL_CFLAGS += -fsanitize=$(SANITIZER) -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
ALL_LDFLAGS += -fsanitize=$(SANITIZER)
endif

DRV_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden
DRV_LDFLAGS = -shared -Wl,-z,defs $(ALL_LDFLAGS)

INIPARSER_CFLAGS ?= -I/usr/include/iniparser
INIPARSER_LIBS ?= -liniparser
CRYPTO_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcrypto 2>/dev/null)
CRYPTO_LIBS := $(shell $(PKG_CONFIG) --libs libcrypto 2>/dev/null || echo -lcrypto)
JANSSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
# libyaml: the YAML seed files of `strata seed`.
YAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS := $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

# --- the core: no database client library, ever ----------------------------
# core/<stage>/*.c; the stages and their one-way order are in
# docs/architecture.md.  Includes name the stage: "chain/graph.h".
CORE_STAGES := util db sql chain plan run cli
# A stage may keep a family of files in a folder of its own
# (core/chain/layouts: one reader per layout).
CORE_SRC := $(sort $(foreach s,$(CORE_STAGES),$(wildcard core/$(s)/*.c \
                                                         core/$(s)/*/*.c)))
CORE_LIB_SRC := $(filter-out core/cli/main.c,$(CORE_SRC))
CORE_OBJ := $(CORE_LIB_SRC:%.c=$(BUILD)/%.o)
CORE_CFLAGS = $(ALL_CFLAGS) $(INIPARSER_CFLAGS) $(CRYPTO_CFLAGS) \
              $(JANSSON_CFLAGS) $(YAML_CFLAGS) -Icore -I$(BUILD)/gen
CORE_LIBS = $(INIPARSER_LIBS) $(CRYPTO_LIBS) $(JANSSON_LIBS) $(YAML_LIBS) -ldl

STRATA := $(BUILD)/strata
CORE_AR := $(BUILD)/libstrata_core.a

# --- abi/: code about the ABI's own types (destructors, generated names),
# using driver.h alone; compiled into the core and, hidden, into each
# driver, so both sides free and name those types one way.
ABI_SRC := $(sort $(wildcard abi/*.c))
ABI_CORE_OBJ := $(ABI_SRC:abi/%.c=$(BUILD)/abi/core/%.o)
ABI_DRV_OBJ := $(ABI_SRC:abi/%.c=$(BUILD)/abi/drv/%.o)

# --- drivers: each links its own client library only ------------------------
# drivers/common: helpers compiled into every driver (hidden there); they
# use the host table only and link no client library.
DRVCOMMON_SRC := $(sort $(wildcard drivers/common/*.c))
DRVCOMMON_OBJ := $(DRVCOMMON_SRC:%.c=$(BUILD)/%.o)

# Each driver: NAME_CFLAGS and NAME_LIBS for its one client library, then
# one line in DRIVER_NAMES.  drivers/NAME/*.c becomes strata_NAME.so.
sqlite_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
sqlite_LIBS := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)

postgres_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpq 2>/dev/null)
postgres_LIBS := $(shell $(PKG_CONFIG) --libs libpq 2>/dev/null || echo -lpq)
# libpg_query (PostgreSQL's grammar, for lint) has no pkg-config file in
# Debian.  Linked always, so lint results never depend on the machine;
# no other part of strata links it.
postgres_LIBS += -lpg_query

# Debian's default-libmysqlclient-dev is MariaDB Connector/C.
MY_PC := $(shell $(PKG_CONFIG) --exists libmariadb && echo libmariadb || echo mysqlclient)
mysql_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(MY_PC) 2>/dev/null)
mysql_LIBS := $(shell $(PKG_CONFIG) --libs $(MY_PC) 2>/dev/null || echo -lmariadb)

firebird_CFLAGS := $(shell fb_config --cflags 2>/dev/null)
firebird_LIBS := $(shell fb_config --libs 2>/dev/null || echo -lfbclient)

DRIVER_NAMES := sqlite postgres mysql firebird

define DRIVER_RULE
$(1)_SRC := $$(sort $$(wildcard drivers/$(1)/*.c))
$(1)_SO := $$(BUILD)/drivers/strata_$(1).so
$$(BUILD)/drivers/$(1)/%.o: drivers/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(DRV_CFLAGS) $$($(1)_CFLAGS) -c -o $$@ $$<
$$($(1)_SO): $$($(1)_SRC:%.c=$$(BUILD)/%.o) $$(DRVCOMMON_OBJ) $$(ABI_DRV_OBJ)
	@mkdir -p $$(@D)
	$$(CC) $$(DRV_LDFLAGS) -o $$@ $$^ $$($(1)_LIBS)
endef
$(foreach d,$(DRIVER_NAMES),$(eval $(call DRIVER_RULE,$(d))))

# A driver is built once its directory has sources.
DRIVERS := $(foreach d,$(DRIVER_NAMES),$(if $($(d)_SRC),$($(d)_SO)))

# --- the driver kit: the conformance runner (plugins/conformance) ----------
# It loads a driver with the core's own loader and host table, linked
# statically from the core's archive, and, like the core, links no
# database client library (docs/driver-authoring.md §6).
CONF_SRC := $(sort $(wildcard plugins/conformance/*.c))
CONF_OBJ := $(CONF_SRC:%.c=$(BUILD)/%.o)
CONFORMANCE := $(BUILD)/strata-conformance

# --- tests ------------------------------------------------------------------
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
# Fixtures shared by the unit tests, linked into each of them.
UNIT_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/unit/fixture_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
# Deliberately broken drivers for the loader tests: tests/drivers/<case>.c
# becomes $(BUILD)/tests/drivers/<case>/strata_<case>.so.
TDRV_SRC := $(sort $(wildcard tests/drivers/*.c))
TDRV_CASES := $(TDRV_SRC:tests/drivers/%.c=%)
TDRV_SO := $(foreach c,$(TDRV_CASES),$(BUILD)/tests/drivers/$(c)/strata_$(c).so)

.PHONY: FORCE all demo check asan valgrind noopt headercheck install uninstall \
        clean deps unit integration test-drivers examples alembic-diff \
        mutation man reliability

all: $(STRATA) $(DRIVERS) $(CONFORMANCE)

$(BUILD)/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -c -o $@ $<

# Build settings compiled into the core: the install directory, and the
# drivers this build ships (dialects the core knows even where their
# driver is not installed; the core's sources name none).  Rewritten
# only when they change, so `make install PREFIX=/usr` after a default
# build rebuilds the loader.
BUILDCONF := $(BUILD)/gen/buildconf.h
$(BUILDCONF): FORCE
	@mkdir -p $(@D)
	@printf '#define STRATA_DRIVERDIR "%s"\n' '$(DRIVERDIR)' > $@.tmp
	@printf '#define STRATA_SHIPPED_DRIVERS "%s"\n' '$(DRIVER_NAMES)' >> $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(BUILD)/core/db/loader.o: $(BUILDCONF)
FORCE:

$(CORE_AR): $(CORE_OBJ) $(ABI_CORE_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(STRATA): $(BUILD)/core/cli/main.o $(CORE_AR)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/plugins/conformance/%.o: plugins/conformance/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -Iplugins/conformance -c -o $@ $<

$(CONFORMANCE): $(CONF_OBJ) $(CORE_AR)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/drivers/common/%.o: drivers/common/%.c
	@mkdir -p $(@D)
	$(CC) $(DRV_CFLAGS) -c -o $@ $<

$(BUILD)/abi/core/%.o: abi/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/abi/drv/%.o: abi/%.c
	@mkdir -p $(@D)
	$(CC) $(DRV_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(UNIT_LIB_OBJ) $(CORE_AR)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(CORE_LIBS)

# A test driver links nothing, unless TDRV_<case>_LIBS names its client
# library: toy, the working driver of a dialect the core does not know,
# keeps its data with SQLite.
TDRV_toy_CFLAGS := $(sqlite_CFLAGS)
TDRV_toy_LIBS := $(sqlite_LIBS)
define TDRV_RULE
$(BUILD)/tests/drivers/$(1)/strata_$(1).so: tests/drivers/$(1).c tests/drivers/stub.h include/strata/driver.h
	@mkdir -p $$(@D)
	$$(CC) $$(DRV_CFLAGS) $$(TDRV_$(1)_CFLAGS) $$(DRV_LDFLAGS) -o $$@ $$< \
	  $$(TDRV_$(1)_LIBS)
endef
$(foreach c,$(TDRV_CASES),$(eval $(call TDRV_RULE,$(c))))

unit: $(UNIT_BIN) $(TDRV_SO) all

# --- what `make install` adds beside the program and the drivers --------
VERSION := $(shell sed -n 's/^\#define STRATA_VERSION "\(.*\)"$$/\1/p' core/util/version.h)
MAN := $(BUILD)/strata.1
PC := $(BUILD)/strata-driver.pc
TEMPLATE_FILES := $(sort $(wildcard plugins/template/*))

# The manual page, one page with a section per verb (scdoc).
man: $(MAN)
$(MAN): docs/strata.1.scd core/util/version.h
	@mkdir -p $(@D)
	sed 's/@VERSION@/$(VERSION)/g' docs/strata.1.scd | scdoc > $@.tmp
	mv $@.tmp $@

# pkg-config for driver authors: `pkg-config --cflags strata-driver`
# names the installed include folder, --variable=driverdir the folder
# the installed strata loads drivers from.  Rewritten when INCLUDEDIR or the
# version changes, as buildconf.h is.
$(PC): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' 'includedir=$(INCLUDEDIR)' 'driverdir=$(DRIVERDIR)' '' \
	  'Name: strata-driver' \
	  'Description: the strata driver ABI, the header strata/driver.h' \
	  'Version: $(VERSION)' 'Cflags: -I$${includedir}' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

test-drivers: $(TDRV_SO)

# Install what the build and the tests need (as root), or print the line.
deps:
	@scripts/deps.sh

headercheck:
	@mkdir -p $(BUILD)
	printf '#include "strata/driver.h"\nint main(void){return 0;}\n' \
	  > $(BUILD)/headercheck.c
	$(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude \
	  -o $(BUILD)/headercheck $(BUILD)/headercheck.c
	cp $(BUILD)/headercheck.c $(BUILD)/headercheck.cpp
	$(CXX) -pedantic -Wall -Wextra -Werror -Iinclude \
	  -o $(BUILD)/headercheck-cxx $(BUILD)/headercheck.cpp

demo: deps
	@$(MAKE) --no-print-directory all
	@STRATA=$(STRATA) scripts/demo.sh

check: deps
	@$(MAKE) --no-print-directory all unit headercheck man
	@python3 scripts/layers.py
	@python3 scripts/docs_files.py
	@BUILD=$(BUILD) STRATA=$(STRATA) tests/run.sh
	@$(MAKE) --no-print-directory fuzz-check

# The same suite under AddressSanitizer and UBSan, in its own build tree.
# intercept_tls_get_addr=0: LeakSanitizer (GCC 12, glibc 2.36) can crash
# at exit scanning the dynamic TLS of several dlopen'ed client libraries.
asan:
	@ASAN_OPTIONS=$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}intercept_tls_get_addr=0 \
	  $(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 \
	  SANITIZER=address,undefined FUZZ_CHECK_SECONDS=0 check

# --- fuzzing: libFuzzer targets (tests/fuzz) -------------------------------
# Built with clang in a tree of their own, everything instrumented for
# libFuzzer, ASan and UBSan.  A driver's splitter target links that
# driver's objects (a sanitised .so cannot be linked with -z defs).
# `make fuzz FUZZ_SECONDS=N` runs each target N seconds, FUZZ_JOBS at a
# time; `make check` runs each FUZZ_CHECK_SECONDS (0: not at all).
FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 20
FUZZ_JOBS ?= 2
FUZZ_CORE := fuzz_migration fuzz_lexer fuzz_parser fuzz_config fuzz_url \
             fuzz_target fuzz_seed
# One per layout reader (core/chain/layouts), on tests/fuzz/layout_fuzz.h.
FUZZ_CORE += fuzz_layout_golang_migrate fuzz_layout_dbmate \
             fuzz_layout_goose fuzz_layout_flyway fuzz_layout_sqlx \
             fuzz_layout_liquibase fuzz_layout_diesel fuzz_layout_drizzle \
             fuzz_layout_prisma fuzz_layout_popx
FUZZ_TARGETS := $(FUZZ_CORE) $(DRIVER_NAMES:%=fuzz_split_%)
FUZZ_BIN := $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/%)
FUZZ_LDFLAGS = $(ALL_LDFLAGS) -fsanitize=fuzzer
.PHONY: fuzz fuzz-bins fuzz-check

$(BUILD)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -c -o $@ $<

$(FUZZ_CORE:%=$(BUILD)/tests/fuzz/%): $(BUILD)/tests/fuzz/%: \
  $(BUILD)/tests/fuzz/%.o $(CORE_AR)
	$(CC) $(FUZZ_LDFLAGS) -o $@ $^ $(CORE_LIBS)

define FUZZ_SPLIT_RULE
$$(BUILD)/tests/fuzz/fuzz_split_$(1): $$(BUILD)/tests/fuzz/fuzz_split.o \
  $$($(1)_SRC:%.c=$$(BUILD)/%.o) $$(DRVCOMMON_OBJ) $$(ABI_DRV_OBJ) $$(CORE_AR)
	$$(CC) $$(FUZZ_LDFLAGS) -o $$@ $$^ $$($(1)_LIBS) $$(CORE_LIBS)
endef
$(foreach d,$(DRIVER_NAMES),$(eval $(call FUZZ_SPLIT_RULE,$(d))))

fuzz-bins: $(FUZZ_BIN)

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT=-O1 \
	  SANITIZER=fuzzer-no-link,address,undefined fuzz-bins
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-check:
ifneq ($(FUZZ_CHECK_SECONDS),0)
	@echo "== fuzz: each target $(FUZZ_CHECK_SECONDS) s, $(FUZZ_JOBS) at a time"
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS)
endif

# strata against Alembic on more random graphs than `make check` runs
# (tests/alembic/diff.py; departures: docs/design.md §9.2).
ALEMBIC_GRAPHS ?= 300
alembic-diff: deps
	@$(MAKE) --no-print-directory all
	@python3 tests/alembic/diff.py --strata $(STRATA) \
	  --graphs $(ALEMBIC_GRAPHS) --commands 12

# Each patch of tests/mutations/ breaks one promise in a scratch copy of
# the tree; the test it names must fail (docs/RELIABILITY.md).
# MUTATIONS='name ...' runs the patches whose names hold those words.
mutation: deps
	@$(MAKE) --no-print-directory all unit
	@BUILD=$(BUILD) tests/mutations/run.sh $(MUTATIONS)

# kill -9 at random moments and 16 concurrent runners on every engine
# (tests/reliability/; docs/RELIABILITY.md §6). `make check` runs the
# short form (tests/integration/reliability.sh).
RELIABILITY_TRIALS ?= 100
reliability: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) STRATA=$(STRATA) TRIALS=$(RELIABILITY_TRIALS) \
	  tests/reliability/run.sh

# The unit tests and the SQLite scenarios under valgrind.  Only definite
# leaks are errors, and only they are shown: the signal watcher thread
# still runs at exit, so its stack is "possibly lost" in every run, and
# that report on stderr would break the scenarios that compare stderr.
valgrind: deps
	@$(MAKE) --no-print-directory BUILD=build-valgrind OPT=-O0 all unit man
	@BUILD=build-valgrind STRATA=build-valgrind/strata \
	  STRATA_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite' \
	  STRATA_DIALECTS=sqlite tests/run.sh

noopt:
	@$(MAKE) --no-print-directory OPT=-O0 all

examples: all
	@STRATA=$(STRATA) scripts/demo.sh

# tests/integration/install.sh installs into a scratch DESTDIR, checks
# each file, builds a driver with pkg-config, and uninstalls.
install: all $(MAN) $(PC)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DRIVERDIR) \
	  $(DESTDIR)$(INCLUDEDIR)/strata $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(TEMPLATEDIR)
	install -m 0755 $(STRATA) $(DESTDIR)$(BINDIR)/strata
	install -m 0755 $(CONFORMANCE) $(DESTDIR)$(BINDIR)/strata-conformance
	install -m 0644 $(DRIVERS) $(DESTDIR)$(DRIVERDIR)/
	install -m 0644 include/strata/driver.h $(DESTDIR)$(INCLUDEDIR)/strata/
	install -m 0644 $(MAN) $(DESTDIR)$(MANDIR)/man1/strata.1
	install -m 0644 $(PC) $(DESTDIR)$(PKGCONFIGDIR)/strata-driver.pc
	install -m 0644 completion/strata.bash $(DESTDIR)$(BASHCOMPDIR)/strata
	install -m 0644 completion/_strata $(DESTDIR)$(ZSHCOMPDIR)/_strata
	install -m 0644 $(TEMPLATE_FILES) $(DESTDIR)$(TEMPLATEDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/strata $(DESTDIR)$(BINDIR)/strata-conformance \
	  $(DESTDIR)$(INCLUDEDIR)/strata/driver.h
	rm -f $(addprefix $(DESTDIR)$(DRIVERDIR)/,$(notdir $(DRIVERS)))
	rm -f $(DESTDIR)$(MANDIR)/man1/strata.1 \
	  $(DESTDIR)$(PKGCONFIGDIR)/strata-driver.pc \
	  $(DESTDIR)$(BASHCOMPDIR)/strata $(DESTDIR)$(ZSHCOMPDIR)/_strata
	rm -f $(addprefix $(DESTDIR)$(TEMPLATEDIR)/,$(notdir $(TEMPLATE_FILES)))
	-rmdir $(DESTDIR)$(DRIVERDIR) $(DESTDIR)$(INCLUDEDIR)/strata \
	  $(DESTDIR)$(TEMPLATEDIR) $(dir $(DESTDIR)$(TEMPLATEDIR)) 2>/dev/null

clean:
	rm -rf build build-asan build-valgrind $(FUZZ_BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
