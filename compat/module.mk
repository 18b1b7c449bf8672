# SPDX-License-Identifier: GPL-2.0-only OR MIT
# compat: boot options and fixmap arithmetic (freestanding core)
CORE_SRCS += compat/opt_parse.c
CORE_SRCS += compat/opt_cmdline.c
CORE_SRCS += compat/size_parse.c
CORE_SRCS += compat/fixmap.c
CORE_SRCS += compat/opt_strings.c
