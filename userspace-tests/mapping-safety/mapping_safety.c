// SPDX-License-Identifier: GPL-2.0-only
/*
 * mapping-safety: an i386 helper for tests/test_hardening.c, run under
 * vdsorun.  One command per run:
 *
 *   ehdr            print "ehdr=ADDR" (AT_SYSINFO_EHDR)
 *   maps            print "maps ehdr=ADDR perms=PERMS" from /proc/self/maps
 *   write           store into the vDSO page; must die by SIGSEGV
 *   segv            a real fault (store through NULL)
 *   forktree W D    fork a tree, W children per process, D levels below
 *                   this one; every descendant prints "child pid=P",
 *                   closes its output and sleeps; this process exits 0
 *                   once all of them have reported
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static unsigned long ehdr(void)
{
	return getauxval(AT_SYSINFO_EHDR);
}

static int maps(void)
{
	unsigned long want = ehdr(), lo, hi;
	char line[512], perms[8];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!want || !f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo <= want && want < hi) {
			printf("maps ehdr=%lx perms=%s\n", want, perms);
			return 0;
		}
	}
	printf("maps ehdr=%lx perms=none\n", want);
	return 1;
}

/* Every descendant reports on @sync; the root counts them. */
static void grow(int width, int depth, int sync)
{
	for (int i = 0; i < width && depth > 0; i++) {
		pid_t pid = fork();
		int null;

		if (pid != 0)
			continue;
		printf("child pid=%d\n", (int)getpid());
		fflush(stdout);
		grow(width, depth - 1, sync);
		null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		if (write(sync, "x", 1) != 1)
			_exit(1);
		sleep(60);
		_exit(0);
	}
}

static int forktree(int width, int depth)
{
	int fds[2], total = 0, level = 1;
	char c;

	for (int d = 0; d < depth; d++) {
		level *= width;
		total += level;
	}
	if (pipe(fds) != 0)
		return 1;
	grow(width, depth, fds[1]);
	for (int got = 0; got < total; got++)
		if (read(fds[0], &c, 1) != 1)
			return 1;
	printf("tree done processes=%d\n", total);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(cmd, "ehdr")) {
		printf("ehdr=%lx\n", ehdr());
		return 0;
	}
	if (!strcmp(cmd, "maps"))
		return maps();
	if (!strcmp(cmd, "write")) {
		volatile unsigned char *p = (volatile unsigned char *)ehdr();

		if (!p)
			return 1;
		printf("writing to %lx\n", ehdr());
		p[8] = (unsigned char)(p[8] + 1);
		printf("write succeeded\n");
		return 0;
	}
	if (!strcmp(cmd, "segv")) {
		volatile int *null = NULL;

		*null = 1;
		return 0;
	}
	if (!strcmp(cmd, "forktree") && argc > 3)
		return forktree(atoi(argv[2]), atoi(argv[3]));
	fprintf(stderr, "usage: mapping-safety ehdr|maps|write|segv|forktree W D\n");
	return 2;
}
