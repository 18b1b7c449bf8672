# SPDX-License-Identifier: GPL-2.0-only OR MIT
# relocator: freestanding image rebasing (see relocator/README.md)
CORE_SRCS += relocator/check.c
CORE_SRCS += relocator/check_headers.c
CORE_SRCS += relocator/check_sections.c
CORE_SRCS += relocator/check_dynamic.c
CORE_SRCS += relocator/check_symbols.c
CORE_SRCS += relocator/dyn_tags.c
CORE_SRCS += relocator/apply.c
CORE_SRCS += relocator/strerror.c
