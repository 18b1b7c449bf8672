# SPDX-License-Identifier: GPL-2.0-only
# kernel-glue/guest.mk: the i386 guest kernels of the series KVER, from
# the port in kernel-glue/linux-$(KVER)/.
# Included from the top-level Makefile after vdso/module.mk (IMAGE_SRCS)
# and userspace-tests/module.mk (userspace-optional).  Debian packages
# beyond the base group: linux-source-$(KVER) xz-utils qemu-system-x86 flex
# bison bc cpio gzip git python3-ply python3-git, and linux-source-V of
# every series (gcc-multilib, already in base, gives the static i386 glibc
# for /init).  The userspace group (debootstrap, Go,
# selftests source) is needed for the consumers and the chroot packed
# into the initramfs; without them /init reports those tests as skipped
# and guest-check does not require them.
#
#   make guest          the relvdso kernels (non-PAE, PAE+PTI, SMP distro-like),
#                       the stock kernels and the initramfs in $(BUILD)/guest/
#   make guest-kernel   the relvdso kernels: bzImage-$(KVER)-VARIANT
#   make guest-stock    the same configs on the pristine tree (no series):
#                       bzImage-$(KVER)-stock-VARIANT, the baseline, for the
#                       variants in GUEST_SELFTEST_VARIANTS (default smp)
#   make guest-check    boot the matrix under qemu (TCG), fail on any bad cell
#
# GUEST_VARIANTS=nonpae limits all of them to one kernel; GUEST_JOBS sets
# the parallel make and qemu jobs.
#
# The series itself (kernel-glue/linux-$(KVER)/series/ -> git format-patch):
#   make patches        generate it in $(BUILD)/patches/linux-$(KVER)/
#                       (git am of it gives the series' tree) and say
#                       whether the checked-in copy is current
#   make patches-update the same, written to kernel-glue/linux-$(KVER)/patches/
#   make series-check   for every series (SERIES): the checked-in copy is
#                       current, checkpatch --strict has no error or warning,
#                       and the default series builds after every patch
#                       (tinyconfig + relvdso.config; bisect-build.sh)

# (make check boots nonpae and smp, the PAE + PTI kernel, for its time
# budget; GUEST_VARIANTS="nonpae pae smp" adds the uniprocessor PAE one)
GUEST_VARIANTS  ?= nonpae smp
GUEST_JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
# the variants whose selftests guest-check compares with a stock kernel
# (its default; GUEST_SELFTEST_VARIANTS="nonpae pae smp" compares all), and
# so the stock kernels make guest builds
GUEST_SELFTEST_VARIANTS ?= $(shell scripts/guest/guest-check.sh --print-selftest-variants)
export GUEST_SELFTEST_VARIANTS
GUEST_STOCK_VARIANTS = $(filter $(GUEST_SELFTEST_VARIANTS),$(GUEST_VARIANTS))
# what the initramfs packs from build/userspace-tests and build/chroot-i386;
# set empty to boot /init's own tests only
GUEST_USERSPACE ?= userspace-optional

.PHONY: guest guest-kernel guest-stock guest-initramfs guest-check
.PHONY: patches patches-update series-check guest-check-others

# make check boots every other series (SERIES but KVER) briefly: its nonpae
# kernel and three cells (compat at 0xfbffe000 with reservetop=64M, normal,
# disabled on a CPU without SEP) on the default series' initramfs; make
# guest-check KVER=V boots V's whole matrix.
GUEST_QUICK_CELLS := -vdso2-rt64M-sep-native$$\|-vdso1-rtnone-sep-native$$\|-vdso0-rtnone-nosep-native$$
guest-check-others: guest-initramfs $(BIN)/relvdso-boot
	@rc=0; for v in $(filter-out $(KVER),$(SERIES)); do \
		KVER=$$v BUILD=$(BUILD) scripts/guest/build-kernel.sh --variant nonpae --jobs $(GUEST_JOBS) && \
		KVER=$$v BUILD=$(BUILD) scripts/guest/guest-check.sh --variants nonpae --jobs $(GUEST_JOBS) \
			--filter '$(GUEST_QUICK_CELLS)' || rc=1; \
	done; exit $$rc

# every Linux release with a series: kernel-glue/linux-*/series/
SERIES := $(patsubst kernel-glue/linux-%/series,%,$(wildcard kernel-glue/linux-*/series))

patches:
	@BUILD=$(BUILD) scripts/guest/make-patches.sh
	@diff -r -q kernel-glue/linux-$(KVER)/patches $(BUILD)/patches/linux-$(KVER) >/dev/null 2>&1 && \
		echo "patches: kernel-glue/linux-$(KVER)/patches is current" || \
		echo "patches: kernel-glue/linux-$(KVER)/patches differs: make patches-update KVER=$(KVER)"

patches-update:
	@BUILD=$(BUILD) scripts/guest/make-patches.sh --out kernel-glue/linux-$(KVER)/patches

series-check:
	@rc=0; for v in $(SERIES); do \
		KVER=$$v BUILD=$(BUILD) scripts/guest/make-patches.sh --check kernel-glue/linux-$$v/patches || rc=1; \
		KVER=$$v BUILD=$(BUILD) scripts/guest/checkpatch-series.sh || rc=1; \
	done; \
	BUILD=$(BUILD) scripts/guest/bisect-build.sh --config tiny --jobs $(GUEST_JOBS) || rc=1; \
	exit $$rc

guest: guest-kernel guest-stock guest-initramfs

guest-kernel: $(IMAGE_SRCS)
	@for v in $(GUEST_VARIANTS); do \
		BUILD=$(BUILD) scripts/guest/build-kernel.sh --variant $$v --jobs $(GUEST_JOBS) || exit 1; \
	done

# after guest-kernel: one kernel build at a time, and --stock compares its
# config with (and may reconfigure) the relvdso objects of the variant
guest-stock: guest-kernel
	@for v in $(GUEST_STOCK_VARIANTS); do \
		BUILD=$(BUILD) scripts/guest/build-kernel.sh --variant $$v --stock --jobs $(GUEST_JOBS) || exit 1; \
	done

guest-initramfs: $(GUEST_USERSPACE)
	BUILD=$(BUILD) scripts/guest/make-initramfs.sh

guest-check: guest $(BIN)/relvdso-boot
	BUILD=$(BUILD) scripts/guest/guest-check.sh --variants "$(GUEST_VARIANTS)" --jobs $(GUEST_JOBS)
