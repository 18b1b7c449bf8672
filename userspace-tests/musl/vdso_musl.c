// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-musl: a static musl (Debian musl:i386) program on relvdso's vDSO.
 * Besides the shared presence checks it proves that musl's own vDSO lookup
 * (DT_HASH/DT_GNU_HASH with versions) resolved our clock_gettime: after the
 * first call musl caches the resolved function pointer in its data, so the
 * address of our __vdso_clock_gettime64 (or __vdso_clock_gettime) must then
 * appear in the program's writable data.  Then musl's clock_gettime is
 * compared with the system call for every clock id.
 *
 *   vdso-musl --expect=compat --addr=ADDR|--expect=normal|--expect=none [--entry=...]
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>

#include "../common/libc_clock.h"
#include "../common/ut_vdso.h"

/* Count words equal to want in the executable's writable mappings (and the anonymous one after). */
static int data_words_equal(uint32_t want)
{
	char exe[256], line[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	FILE *f = fopen("/proc/self/maps", "r");
	int hits = 0, prev_ours = 0;

	if (n <= 0 || !f) {
		if (f)
			fclose(f);
		return -1;
	}
	exe[n] = '\0';
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[8], path[256] = "";
		int ours;

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255[^\n]", &lo, &hi, perms, path) < 3)
			continue;
		ours = strcmp(path, exe) == 0;
		if (perms[0] == 'r' && perms[1] == 'w' && (ours || (prev_ours && !path[0]))) {
			const uint32_t *w = (const uint32_t *)lo;

			for (; (unsigned long)w < hi; w++)
				hits += *w == want;
		}
		prev_ours = ours;
	}
	fclose(f);
	return hits;
}

int main(int argc, char **argv)
{
	struct ut_expect e;
	struct vdso_view v;
	struct timespec ts;
	uint32_t cgt64 = 0, cgt32 = 0;
	int have, hits64, hits32;

	ut_prog = "vdso-musl";
	ut_parse_expect(argc, argv, &e);
	have = ut_check_vdso(&e, &v);
	if (e.mode != UT_NONE && !have)
		return ut_finish();
	if (have) {
		cgt64 = ut_vdso_sym(&v, RELVDSO_SYM_CLOCK_GETTIME64);
		cgt32 = ut_vdso_sym(&v, RELVDSO_SYM_CLOCK_GETTIME);
		ut_check(data_words_equal(cgt64) == 0 && data_words_equal(cgt32) == 0,
			 "before musl's first clock_gettime no data word points at our clock functions");
	}
	ut_check(clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1600000000, "musl clock_gettime(CLOCK_REALTIME) works");
	if (have) {
		hits64 = data_words_equal(cgt64);
		hits32 = data_words_equal(cgt32);
		ut_check(hits64 + hits32 > 0,
			 "musl's lookup cached our __vdso_clock_gettime64 (0x%08x, %d) or __vdso_clock_gettime (0x%08x, %d)",
			 cgt64, hits64, cgt32, hits32);
		ut_check_vsyscall(&v, (uint32_t)getauxval(AT_SYSINFO));
		ut_check_vdso_time(&v);
	}
	ut_check_libc_clock_gettime("musl");
	return ut_finish();
}
