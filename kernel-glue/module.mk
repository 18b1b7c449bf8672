# SPDX-License-Identifier: GPL-2.0-only
# kernel-glue/: the host-neutral boot sequence and per-process values.
CORE_SRCS += kernel-glue/fmt.c kernel-glue/images.c kernel-glue/status.c \
	     kernel-glue/boot.c kernel-glue/exec.c
