// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tools' shared command-line conventions; see tool_cli.h.  The version
 * is the build's RELVDSO_VERSION, read from the VERSION file (the Makefile),
 * the same one relvdso.pc carries.
 */
#include <stdio.h>

#include "tool_cli.h"

static const char *tool_name;	/* tool_cli_init() sets it */

void tool_cli_init(char **argv, const char *name)
{
	tool_name = name;
	argv[0] = (char *)name;		/* glibc's getopt prefixes its messages with argv[0] */
}

int tool_cli_version(void)
{
	printf("%s %s\n", tool_name, RELVDSO_VERSION);
	return fflush(stdout) == 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAILURE;
}
