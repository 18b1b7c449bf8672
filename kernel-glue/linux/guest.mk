# kernel-glue/linux/guest.mk: the Linux 6.1 i386 guest kernel.
# Included from the top-level Makefile (after vdso/module.mk, which sets
# IMAGE_SRCS).  Needs, beyond the base deps: linux-source-6.1,
# qemu-system-x86, flex, bison, bc, libssl-dev, libelf-dev, cpio,
# gcc-multilib (static i386 glibc for /init).
#
#   make guest          kernels (non-PAE, PAE+PTI) and the initramfs in $(BUILD)/guest/
#   make guest-check    boot the matrix under qemu (TCG), fail on any bad cell
#
# GUEST_VARIANTS=nonpae limits both to one kernel; GUEST_JOBS sets the
# parallel make and qemu jobs.

GUEST_VARIANTS ?= nonpae pae
GUEST_JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: guest guest-kernel guest-initramfs guest-check

guest: guest-kernel guest-initramfs

guest-kernel: $(IMAGE_SRCS)
	@for v in $(GUEST_VARIANTS); do \
		BUILD=$(BUILD) scripts/guest/build-kernel.sh --variant $$v --jobs $(GUEST_JOBS) || exit 1; \
	done

guest-initramfs:
	BUILD=$(BUILD) scripts/guest/make-initramfs.sh

guest-check: guest
	BUILD=$(BUILD) scripts/guest/guest-check.sh --variants "$(GUEST_VARIANTS)" --jobs $(GUEST_JOBS)
