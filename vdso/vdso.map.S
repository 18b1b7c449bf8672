/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The version script, expanded from the facts table by cpp: one node per
 * version, exporting its symbols; everything else stays local.
 */
#include "relvdso/vdso_facts.h"

#define MAP_SYM(id, name, node, type, field)	name;
#define MAP_NODE(node, rows, X)	node { global: rows(X, node) local: *; };

RELVDSO_VDSO_NODES(MAP_NODE, MAP_SYM)
