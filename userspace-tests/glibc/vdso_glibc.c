// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-glibc: glibc 2.36 (Debian i386) on relvdso's vDSO, dynamic and static.
 * Asserts that the vDSO the process was given is ours, where the mode puts
 * it, that glibc adopted it (dl_iterate_phdr, the TCB's syscall entry), and
 * that system calls, signals, cancellation and every clock work through it.
 *
 *   vdso-glibc{,-static} --expect=compat --addr=ADDR|--expect=normal|--expect=none
 *                        [--entry=syscall|int80|sysenter|any]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "glibc_tests.h"
#include "../common/libc_clock.h"

struct gate_search {
	int found;
	uint32_t addr, load;		/* dlpi_addr, PT_LOAD p_vaddr */
};

static int find_gate(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct gate_search *g = arg;
	int i;

	(void)size;
	if (!info->dlpi_name || strcmp(info->dlpi_name, "linux-gate.so.1") != 0)
		return 0;
	g->found = 1;
	g->addr = (uint32_t)info->dlpi_addr;
	for (i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_LOAD) {
			g->load = info->dlpi_phdr[i].p_vaddr;
			break;
		}
	return 1;
}

/* glibc keeps its syscall entry in the TCB at %gs:0x10 (i386 tcbhead_t.sysinfo). */
static uint32_t tcb_sysinfo(void)
{
	uint32_t v;

	__asm__("movl %%gs:0x10, %0" : "=r"(v));
	return v;
}

static void check_glibc_adoption(const struct ut_expect *e, const struct vdso_view *v)
{
	struct gate_search g = { 0, 0, 0 };
	uint32_t sysinfo = (uint32_t)getauxval(AT_SYSINFO);

	(void)v;
	dl_iterate_phdr(find_gate, &g);
	if (e->mode == UT_NONE)
		ut_check(!g.found, "dl_iterate_phdr has no linux-gate.so.1");
	else
		ut_check(g.found && g.addr + g.load == v->ehdr && g.addr == v->bias,
			 "dl_iterate_phdr: linux-gate.so.1 at dlpi_addr 0x%08x + p_vaddr 0x%08x == AT_SYSINFO_EHDR",
			 g.addr, g.load);
	if (e->mode == UT_NONE)
		ut_check(tcb_sysinfo() && memcmp((void *)(uintptr_t)tcb_sysinfo(), "\xcd\x80\xc3", 3) == 0,
			 "glibc's syscall entry 0x%08x is its own int $0x80; ret", tcb_sysinfo());
	else
		ut_check(tcb_sysinfo() == sysinfo, "glibc makes system calls through our AT_SYSINFO (TCB 0x%08x)",
			 tcb_sysinfo());
}

/* glibc's clock_gettime / gettimeofday / time / clock_getres against int $0x80. */
static void check_libc_time(void)
{
	static const long clocks[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1 };
	struct timespec res;
	struct timeval tv;
	int32_t rs[2], tv1[2], tv3[2];
	long s, t_a, t_b;
	size_t i;
	int r;

	ut_check_libc_clock_gettime("glibc");
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		s = ut_int80(UT_NR_clock_getres, clocks[i], (long)rs, 0);
		errno = 0;
		r = clock_getres((clockid_t)clocks[i], &res);
		ut_check(s == 0 ? r == 0 && res.tv_sec == rs[0] && res.tv_nsec == rs[1] : r == -1 && errno == -s,
			 "glibc clock_getres(%ld) agrees with the syscall (%ld)", clocks[i], s);
	}
	ut_int80(UT_NR_gettimeofday, (long)tv1, 0, 0);
	r = gettimeofday(&tv, NULL);
	ut_int80(UT_NR_gettimeofday, (long)tv3, 0, 0);
	ut_check(r == 0 && ut_ordered(tv1[0] * 1000000LL + tv1[1], tv.tv_sec * 1000000LL + tv.tv_usec,
				      tv3[0] * 1000000LL + tv3[1]), "glibc gettimeofday between two system calls");
	t_a = ut_int80(UT_NR_time, 0, 0, 0);
	s = (long)time(NULL);
	t_b = ut_int80(UT_NR_time, 0, 0, 0);
	ut_check(t_a <= s && s <= t_b, "glibc time() between two system calls");
}

int main(int argc, char **argv)
{
	struct ut_expect e;
	struct vdso_view v;
	int have;

#ifdef UT_STATIC
	ut_prog = "vdso-glibc-static";
#else
	ut_prog = "vdso-glibc";
#endif
	ut_parse_expect(argc, argv, &e);
	have = ut_check_vdso(&e, &v);
	if (e.mode != UT_NONE && !have)
		return ut_finish();
	check_glibc_adoption(&e, have ? &v : NULL);
	if (have) {
		ut_check_vsyscall(&v, (uint32_t)getauxval(AT_SYSINFO));
		ut_check_vdso_time(&v);
	}
	ut_check(getpid() == ut_int80(UT_NR_getpid, 0, 0, 0), "glibc getpid() == int $0x80 getpid");
	check_libc_time();
	glibc_check_signals(have ? &v : NULL);
	glibc_check_threads();
	return ut_finish();
}
