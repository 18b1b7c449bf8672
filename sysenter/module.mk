# sysenter: entry-method chooser (freestanding core)
CORE_SRCS += sysenter/backend.c
CORE_SRCS += sysenter/entry_rules.c
CORE_SRCS += sysenter/entry_choose.c
CORE_SRCS += sysenter/entry_names.c
