// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lines guest-check.sh parses:
 *   RELVDSO-TEST name=NAME result=pass|fail|skip detail=...
 *   RELVDSO-DONE pass=N fail=N skip=N
 * written with write(2), so they reach the console in order with the
 * output of the programs the tests run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

static const char *const result_names[] = { "pass", "fail", "skip" };
static int counts[3];

static void vout(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	(void)!write(1, buf, n);
}

void rv_out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vout(fmt, ap);
	va_end(ap);
}

void rv_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

void rv_result(const char *name, enum rv_result res, const char *fmt, ...)
{
	char detail[400];
	va_list ap;
	char *p;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	for (p = detail; *p; p++)	/* one line per test */
		if (*p == '\n')
			*p = ' ';
	counts[res]++;
	rv_out("RELVDSO-TEST name=%s result=%s detail=%s\n", name, result_names[res], detail);
}

int rv_done(void)
{
	rv_out("RELVDSO-DONE pass=%d fail=%d skip=%d\n", counts[RV_PASS], counts[RV_FAIL],
	       counts[RV_SKIP]);
	return counts[RV_FAIL];
}
