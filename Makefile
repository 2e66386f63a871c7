# SPDX-License-Identifier: GPL-2.0-only
#
# Out-of-tree build of kcifsd.ko and the userspace helper kcifsctl, plus
# the project's test and benchmark entry points.
#
#   make                 module + helper
#   make check           every test (build, checkpatch, sparse, KUnit, guest)
#   make demo            boot the guest and serve a share to a client
#   make bench           benchmarks in the guest against Samba
#   make install         helper, man pages, systemd unit; modules_install

# Kernel headers: the running kernel's when they exist (an appliance),
# else the newest installed Debian headers (the kernel the test guest
# boots), unless KDIR= is given.
ifeq ($(KDIR),)
KDIR := $(shell if [ -d /lib/modules/$$(uname -r)/build ]; then \
		echo /lib/modules/$$(uname -r)/build; \
	else \
		ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1; \
	fi)
endif
KVER := $(shell sed -n 's/^.*UTS_RELEASE "\(.*\)"/\1/p' \
		$(KDIR)/include/generated/utsrelease.h 2>/dev/null)

# SMB Direct is built when the target kernel has RDMA CM.
HAS_RDMA := $(shell grep -qs '^CONFIG_INFINIBAND_ADDR_TRANS=y' $(KDIR)/.config && \
		grep -qs '^CONFIG_INFINIBAND=[ym]' $(KDIR)/.config && echo y)

KBUILD_ARGS := KCIFSD_OOT=1 CONFIG_KCIFSD=m CONFIG_KCIFSD_SMBDIRECT=$(HAS_RDMA)

PREFIX ?= /usr/local

.PHONY: all modules helper clean install modules_install check demo bench \
	deps sparse checkpatch kunit vmtest kdir

all: modules helper

kdir:
	@if [ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ]; then \
		echo "kcifsd: no kernel headers found; install linux-headers-amd64 or pass KDIR=" >&2; \
		exit 1; fi

modules: kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(KBUILD_ARGS) modules

helper:
	$(MAKE) -C userspace-helper

modules_install: kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(KBUILD_ARGS) modules_install
	depmod -a $(KVER)

install: helper
	$(MAKE) -C userspace-helper install PREFIX=$(PREFIX)

sparse: kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(KBUILD_ARGS) C=2 \
		CF="-D__CHECK_ENDIAN__ -Wbitwise" modules

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C userspace-helper clean

deps:
	scripts/install-deps.sh

check: deps
	@scripts/check.sh

checkpatch:
	scripts/check.sh checkpatch

kunit:
	scripts/check.sh kunit

vmtest:
	scripts/check.sh vm

demo: deps
	scripts/demo.sh

bench:
	tests/bench/run.sh
