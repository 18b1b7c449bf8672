// SPDX-License-Identifier: GPL-2.0-only
/* What the kernel says about itself: klog cpuflag. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

/* The boot's "relvdso: entry ..." line in the kernel log. */
static void test_klog(const struct rv_env *e)
{
	static char buf[1 << 16];
	char want[64], *p, *line;
	int fd, n, total = 0, found = 0;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		FAIL("klog", "open /dev/kmsg: %s", strerror(errno));
		return;
	}
	snprintf(want, sizeof(want), "relvdso: entry %s ", ut_entry_name(e->entry));
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0) {
		total += n;
		buf[total++] = '\n';	/* one record per read */
		if (total > (int)sizeof(buf) - 512)
			break;
	}
	close(fd);
	buf[total] = 0;
	for (line = buf; (p = strchr(line, '\n')); line = p + 1) {
		*p = 0;
		if (strstr(line, want))
			found = 1;
	}
	if (e->mode == UT_NONE)
		SKIP("klog", "mode disabled: no entry is chosen");
	else
		CHECK(found, "klog", "kernel log has \"%s\"", want);
}

/* The kernel's view of SEP: cleared by -cpu ...,-sep or a backend that needs int80. */
static void test_cpuflag(const struct rv_env *e)
{
	char line[1024];
	FILE *f;
	int sep = -1;

	if (!e->sep) {
		SKIP("cpuflag", "no rvx_sep= on the command line");
		return;
	}
	f = fopen("/proc/cpuinfo", "r");
	if (!f) {
		FAIL("cpuflag", "cannot open /proc/cpuinfo: %s", strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		line[strcspn(line, "\n")] = ' ';
		sep = strstr(line, " sep ") != NULL;
		break;
	}
	fclose(f);
	CHECK(sep == atoi(e->sep), "cpuflag", "/proc/cpuinfo flags %s sep (want %s)",
	      sep < 0 ? "missing:" : sep ? "have" : "lack", atoi(e->sep) ? "sep" : "no sep");
}

void group_kernel(struct rv_env *e)
{
	test_klog(e);
	test_cpuflag(e);
}
