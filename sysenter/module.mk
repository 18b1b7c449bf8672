# SPDX-License-Identifier: GPL-2.0-only OR MIT
# sysenter: entry-method chooser (freestanding core)
CORE_SRCS += sysenter/backend.c
CORE_SRCS += sysenter/entry_rules.c
CORE_SRCS += sysenter/entry_choose.c
CORE_SRCS += sysenter/entry_names.c
