/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command-line conventions every tool follows (README "Tools"):
 * -h/--help prints the usage on stdout and exits 0; --version prints
 * "NAME VERSION" (the project's VERSION file) and exits 0; bad usage exits 2
 * with a message starting "NAME: " and the usage on stderr.
 *
 * A tool calls tool_cli_init() before getopt_long() -- getopt's own
 * messages ("unrecognized option") then start with NAME too -- ends its
 * option table with TOOL_CLI_OPTIONS and answers TOOL_CLI_VERSION with
 * tool_cli_version().
 */
#ifndef RELVDSO_TOOLS_TOOL_CLI_H
#define RELVDSO_TOOLS_TOOL_CLI_H

#include <getopt.h>

/* Exit status, as a shell uses it. */
enum tool_exit {
	TOOL_EXIT_OK = 0,
	TOOL_EXIT_FAILURE = 1,		/* input rejected, or the tool itself failed */
	TOOL_EXIT_USAGE = 2,		/* bad command line */
};

/* getopt_long's value for --version: past every char and the tools' own 256+ values. */
#define TOOL_CLI_VERSION	0x7f00

/* Its arguments, as one: a macro of several rows then reads as one call. */
#define TOOL_CLI_ROWS(...)	__VA_ARGS__

/* The last entries of every option table, before its terminator. */
#define TOOL_CLI_OPTIONS TOOL_CLI_ROWS(				\
	{ "help", no_argument, NULL, 'h' },			\
	{ "version", no_argument, NULL, TOOL_CLI_VERSION })

/* NAME is the tool's short name, e.g. "vdso-reloc"; argv[0] becomes it. */
void tool_cli_init(char **argv, const char *name);

/* Print "NAME VERSION" on stdout; returns the exit status. */
int tool_cli_version(void);

#endif /* RELVDSO_TOOLS_TOOL_CLI_H */
