// SPDX-License-Identifier: GPL-2.0-only
/* See ut_vdso.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "ut_vdso.h"

#define PAGE 4096u
#define SLACK_NS 2000000	/* reading order tolerance */

long ut_int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

long ut_int80_4(long nr, long a, long b, long c, long d)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
	return ret;
}

int64_t ut_ns(const struct ut_ts64 *t)
{
	return t->sec * 1000000000LL + t->nsec;
}

int ut_ordered(int64_t t1, int64_t t2, int64_t t3)
{
	return t1 <= t2 + SLACK_NS && t2 <= t3 + SLACK_NS;
}

/* Does /proc/self/auxv hold these types at all (removed, not zeroed)? */
static void auxv_types(int *has_ehdr, int *has_sysinfo)
{
	uint32_t pair[2];
	FILE *f = fopen("/proc/self/auxv", "rb");

	*has_ehdr = *has_sysinfo = 0;
	if (!f)
		return;
	while (fread(pair, sizeof(pair), 1, f) == 1 && pair[0] != AT_NULL) {
		*has_ehdr |= pair[0] == AT_SYSINFO_EHDR;
		*has_sysinfo |= pair[0] == AT_SYSINFO;
	}
	fclose(f);
}

/* Find the mapping holding addr and the host's [vdso]. */
static void maps_lookup(uint32_t addr, char *perms, char *name, size_t namelen,
			uint32_t *len, uint32_t *host_vdso)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	*perms = *name = 0;
	*len = *host_vdso = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char p[8], path[256] = "";

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255[^\n]", &lo, &hi, p, path) < 3)
			continue;
		if (strcmp(path, "[vdso]") == 0)
			*host_vdso = (uint32_t)lo;
		if (addr >= lo && addr < hi) {
			strcpy(perms, p);
			snprintf(name, namelen, "%s", path);
			*len = (uint32_t)(hi - lo);
		}
	}
	fclose(f);
}

/* The three pushes, the entry, and (fast entries) the int $0x80 restart point. */
enum ut_entry ut_entry_of(const uint8_t *k)
{
	static const uint8_t push3[] = { 0x51, 0x52, 0x55 };
	static const uint8_t int80[] = { 0xcd, 0x80 };

	if (memcmp(k, push3, 3) != 0)
		return UT_ENTRY_ANY;
	if (memcmp(k + 3, int80, 2) == 0)
		return UT_ENTRY_INT80;
	if (memcmp(k + 7, int80, 2) != 0)
		return UT_ENTRY_ANY;
	if (k[3] == 0x89 && k[4] == 0xcd && k[5] == 0x0f && k[6] == 0x05)
		return UT_ENTRY_SYSCALL;
	if (k[3] == 0x89 && k[4] == 0xe5 && k[5] == 0x0f && k[6] == 0x34)
		return UT_ENTRY_SYSENTER;
	return UT_ENTRY_ANY;
}

static void check_none(void)
{
	int has_ehdr, has_sysinfo;
	unsigned long ehdr, sysinfo;

	errno = 0;
	ehdr = getauxval(AT_SYSINFO_EHDR);
	ut_check(ehdr == 0 && errno == ENOENT, "vDSO disabled: getauxval(AT_SYSINFO_EHDR) not found (0x%lx)", ehdr);
	errno = 0;
	sysinfo = getauxval(AT_SYSINFO);
	ut_check(sysinfo == 0 && errno == ENOENT, "vDSO disabled: getauxval(AT_SYSINFO) not found (0x%lx)", sysinfo);
	/* /proc/self/auxv is the kernel's saved copy, which vdsorun cannot rewrite
	 * without CAP_SYS_RESOURCE (prctl PR_SET_MM_AUXV): report, don't assert. */
	auxv_types(&has_ehdr, &has_sysinfo);
	ut_note("/proc/self/auxv (kernel's saved copy) %s AT_SYSINFO*", has_ehdr || has_sysinfo ? "still lists" : "has no");
	ut_check(ut_int80(UT_NR_getpid, 0, 0, 0) > 0, "system calls through int $0x80 work");
}

/* Each exported symbol and its version node, from the facts table. */
#define UT_SYM(id, name, node, type, field) [RELVDSO_SYM_##id] = { #name, RELVDSO_VDSO_STR(node) },
static const struct { const char *name, *node; } ut_syms[RELVDSO_SYM_COUNT] = {
	RELVDSO_VDSO_SYMS(UT_SYM)
};

/* The sigreturn trampolines' exact bytes, from the facts table. */
#define UT_TRAMPOLINE(id, field, ...) { RELVDSO_SYM_##id, RELVDSO_TRAMPOLINE_LEN_##id, { __VA_ARGS__ } },
static const struct { enum relvdso_sym sym; uint8_t len, bytes[16]; } ut_trampolines[] = {
	RELVDSO_VDSO_TRAMPOLINES(UT_TRAMPOLINE)
};

const char *ut_vdso_sym_name(enum relvdso_sym s)
{
	return ut_syms[s].name;
}

uint32_t ut_vdso_sym(const struct vdso_view *v, enum relvdso_sym s)
{
	return vdso_view_lookup(v, ut_syms[s].name, ut_syms[s].node);
}

const uint8_t *ut_vdso_trampoline(enum relvdso_sym s, unsigned *len)
{
	size_t i;

	for (i = 0; i < sizeof(ut_trampolines) / sizeof(ut_trampolines[0]); i++)
		if (ut_trampolines[i].sym == s) {
			*len = ut_trampolines[i].len;
			return ut_trampolines[i].bytes;
		}
	return NULL;
}

static void check_symbols(const struct vdso_view *v, uint32_t sysinfo)
{
	const char *lib_node = ut_syms[RELVDSO_SYM_CLOCK_GETTIME].node;
	uint32_t vsys, pad;
	size_t i;

	vsys = ut_vdso_sym(v, RELVDSO_SYM_VSYSCALL);
	pad = ut_vdso_sym(v, RELVDSO_SYM_LANDING_PAD);
	ut_check(v->soname && strcmp(v->soname, "linux-gate.so.1") == 0, "DT_SONAME %s", v->soname ? v->soname : "(none)");
	ut_check(vsys == sysinfo, "%s@%s 0x%08x == AT_SYSINFO", ut_syms[RELVDSO_SYM_VSYSCALL].name,
		 ut_syms[RELVDSO_SYM_VSYSCALL].node, vsys);
	ut_check(pad > vsys && pad - v->ehdr < PAGE, "%s@%s 0x%08x (only relvdso's image exports it)",
		 ut_syms[RELVDSO_SYM_LANDING_PAD].name, ut_syms[RELVDSO_SYM_LANDING_PAD].node, pad);
	for (i = 0; i < sizeof(ut_trampolines) / sizeof(ut_trampolines[0]); i++) {
		uint32_t a = ut_vdso_sym(v, ut_trampolines[i].sym);

		ut_check(a && memcmp((void *)(uintptr_t)a, ut_trampolines[i].bytes, ut_trampolines[i].len) == 0 &&
			 ((uint8_t *)(uintptr_t)a)[-1] == 0x90, "%s 0x%08x: nop, then the facts table's %u bytes",
			 ut_syms[ut_trampolines[i].sym].name, a, ut_trampolines[i].len);
	}
	for (i = 0; i < RELVDSO_SYM_COUNT; i++) {
		uint32_t a = ut_vdso_sym(v, (enum relvdso_sym)i);

		if (strcmp(ut_syms[i].node, lib_node) == 0)
			ut_check(a && a - v->ehdr < PAGE, "%s@%s 0x%08x inside the image",
				 ut_syms[i].name, ut_syms[i].node, a);
	}
	ut_check(!vdso_view_lookup(v, ut_syms[RELVDSO_SYM_VSYSCALL].name, lib_node),
		 "version checking works: no %s@%s", ut_syms[RELVDSO_SYM_VSYSCALL].name, lib_node);
	ut_check(v->has_eh_frame_hdr, "PT_GNU_EH_FRAME present (unwinders need it)");
}

/* the ELF header of this program, placed by the linker at its load base */
extern const char __ehdr_start[];

int ut_check_vdso(const struct ut_expect *e, struct vdso_view *v)
{
	uint32_t ehdr, sysinfo, len, host_vdso;
	char perms[8], name[256];
	const char *err;
	enum ut_entry entry;

	ehdr = (uint32_t)getauxval(AT_SYSINFO_EHDR);
	sysinfo = (uint32_t)getauxval(AT_SYSINFO);
	/* the load base lets a tracer place this program's own code (a PIE) */
	ut_note("AT_SYSINFO_EHDR 0x%08x AT_SYSINFO 0x%08x load base 0x%08x", ehdr, sysinfo,
		(uint32_t)(uintptr_t)__ehdr_start);
	if (e->mode == UT_NONE) {
		check_none();
		return 0;
	}
	if (!ut_check(ehdr && sysinfo, "AT_SYSINFO_EHDR and AT_SYSINFO present"))
		return 0;
	ut_check(sysinfo - ehdr < PAGE, "AT_SYSINFO lies inside the image");
	if (e->mode == UT_COMPAT)
		ut_check(ehdr == e->addr, "compat: AT_SYSINFO_EHDR 0x%08x == expected 0x%08x", ehdr, e->addr);
	else if (e->host == UT_HOST_VDSORUN)
		ut_check(ehdr >= UT_NORMAL_LO && ehdr < UT_NORMAL_HI,
			 "normal: AT_SYSINFO_EHDR 0x%08x in the random window [0x%08x, 0x%08x)",
			 ehdr, UT_NORMAL_LO, UT_NORMAL_HI);
	else	/* a kernel maps it per process below TASK_SIZE (3 GiB on i386) */
		ut_check(ehdr < UT_TASK_SIZE && !(ehdr & (PAGE - 1)),
			 "normal: AT_SYSINFO_EHDR 0x%08x a page below the kernel's 0x%08x", ehdr, UT_TASK_SIZE);

	maps_lookup(ehdr, perms, name, sizeof(name), &len, &host_vdso);
	if (e->host == UT_HOST_VDSORUN) {
		ut_check(strcmp(perms, "r-xp") == 0 && !name[0] && len >= PAGE,
			 "maps: 0x%08x is an anonymous r-xp mapping (perms '%s', name '%s')", ehdr, perms, name);
		ut_check(host_vdso != ehdr, "host's [vdso] (0x%08x) is not the advertised image", host_vdso);
	} else {
		ut_check(strcmp(perms, "r-xp") == 0 && strcmp(name, "[vdso]") == 0 && len >= PAGE,
			 "maps: 0x%08x is the kernel's r-xp [vdso] (perms '%s', name '%s')", ehdr, perms, name);
	}

	err = vdso_view_open(v, ehdr);
	if (!ut_check(!err, "image readable: %s", err ? err : "ELF32 i386 ET_DYN"))
		return 0;
	if (e->mode == UT_COMPAT)
		ut_check(v->load->p_vaddr == ehdr && v->bias == 0,
			 "compat: prelinked, PT_LOAD p_vaddr 0x%08x == AT_SYSINFO_EHDR", v->load->p_vaddr);
	else
		ut_check(v->load->p_vaddr == 0 && v->bias == ehdr,
			 "normal: linked at 0 (PT_LOAD p_vaddr 0x%08x), bias = base", v->load->p_vaddr);
	ut_check(((const Elf32_Ehdr *)(uintptr_t)ehdr)->e_entry + v->bias == sysinfo,
		 "e_entry is %s", ut_syms[RELVDSO_SYM_VSYSCALL].name);
	check_symbols(v, sysinfo);

	entry = ut_entry_of((const uint8_t *)(uintptr_t)sysinfo);
	ut_note("entry method in %s: %s", ut_syms[RELVDSO_SYM_VSYSCALL].name,
		entry ? ut_entry_name(entry) : "unknown");
	ut_check(entry != UT_ENTRY_ANY && (e->entry == UT_ENTRY_ANY || entry == e->entry),
		 "entry method %s (expected %s)", ut_entry_name(entry), ut_entry_name(e->entry));
	return 1;
}

void ut_check_vsyscall(const struct vdso_view *v, uint32_t at_sysinfo)
{
	static const uint32_t seed[7] = { 0, 0x11111111, 0x22222222, 0x33333333,
					  0x44444444, 0x55555555, 0x66666666 };
	uint32_t r[7];
	long pid = ut_int80(UT_NR_getpid, 0, 0, 0);
	struct ut_ts64 a = { 0, 0 }, b = { 0, 0 };
	int i, same = 1;

	(void)v;
	memcpy(r, seed, sizeof(r));
	r[0] = UT_NR_getpid;
	ut_check(ut_vsys_call(at_sysinfo, r) == (uint32_t)pid, "getpid through AT_SYSINFO == int $0x80 (%ld)", pid);
	for (i = 1; i < 7; i++)
		same &= r[i] == seed[i];
	ut_check(same, "%s preserved ebx ecx edx esi edi ebp", ut_syms[RELVDSO_SYM_VSYSCALL].name);

	memcpy(r, seed, sizeof(r));
	r[0] = UT_NR_clock_gettime64;
	r[1] = 1;			/* CLOCK_MONOTONIC */
	r[2] = (uint32_t)(uintptr_t)&b;
	ut_int80(UT_NR_clock_gettime64, 1, (long)&a, 0);
	ut_check(ut_vsys_call(at_sysinfo, r) == 0 && ut_ns(&b) >= ut_ns(&a),
		 "clock_gettime64 with arguments through AT_SYSINFO");
	ut_check(r[1] == 1 && r[2] == (uint32_t)(uintptr_t)&b && r[3] == seed[3] && r[6] == seed[6],
		 "argument registers preserved too");
}

typedef int (*cgt_fn)(long clk, void *ts);
typedef int (*gtod_fn)(void *tv, void *tz);
typedef long (*time_fn)(long *t);

static void check_clock(cgt_fn cgt64, cgt_fn cgt32, long clk)
{
	struct ut_ts64 t1, t2, t3;
	int32_t o32[2] = { 0, 0 };
	long s1, s3, v, v32;

	s1 = ut_int80(UT_NR_clock_gettime64, clk, (long)&t1, 0);
	v = cgt64(clk, &t2);
	v32 = cgt32(clk, o32);
	s3 = ut_int80(UT_NR_clock_gettime64, clk, (long)&t3, 0);
	if (s1 == 0)
		ut_check(v == 0 && v32 == 0 && ut_ordered(ut_ns(&t1), ut_ns(&t2), ut_ns(&t3)) &&
			 t1.sec <= o32[0] && o32[0] <= t3.sec,
			 "vDSO clock_gettime64/clock_gettime(%ld) between two system calls", clk);
	else
		ut_check(v == s1 && v32 == s1 && s3 == s1,
			 "vDSO clock_gettime64/clock_gettime(%ld) return %ld like the syscall", clk, s1);
}

void ut_check_vdso_time(const struct vdso_view *v)
{
	cgt_fn cgt64 = (cgt_fn)(uintptr_t)ut_vdso_sym(v, RELVDSO_SYM_CLOCK_GETTIME64);
	cgt_fn cgt32 = (cgt_fn)(uintptr_t)ut_vdso_sym(v, RELVDSO_SYM_CLOCK_GETTIME);
	cgt_fn res = (cgt_fn)(uintptr_t)ut_vdso_sym(v, RELVDSO_SYM_CLOCK_GETRES);
	gtod_fn gtod = (gtod_fn)(uintptr_t)ut_vdso_sym(v, RELVDSO_SYM_GETTIMEOFDAY);
	time_fn tm = (time_fn)(uintptr_t)ut_vdso_sym(v, RELVDSO_SYM_TIME);
	static const long clocks[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, 100, 0x7fffffff };
	int32_t tv1[2], tv2[2], tv3[2], rs[2], rv[2];
	long t1, t2, t3, tp = 0, s, r;
	size_t i;

	if (!ut_check(cgt64 && cgt32 && res && gtod && tm, "all five time functions resolve"))
		return;
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		check_clock(cgt64, cgt32, clocks[i]);
		/* the 32-bit getres against its own syscall: identical results */
		memset(rs, 0x5a, sizeof(rs));
		memset(rv, 0x5a, sizeof(rv));
		s = ut_int80(UT_NR_clock_getres, clocks[i], (long)rs, 0);
		r = res(clocks[i], rv);
		ut_check(r == s && (s != 0 || memcmp(rs, rv, sizeof(rs)) == 0),
			 "vDSO clock_getres(%ld) == syscall (%ld, %d.%09d)", clocks[i], s, rv[0], rv[1]);
	}
	ut_int80(UT_NR_gettimeofday, (long)tv1, 0, 0);
	r = gtod(tv2, NULL);
	ut_int80(UT_NR_gettimeofday, (long)tv3, 0, 0);
	ut_check(r == 0 && ut_ordered(tv1[0] * 1000000LL + tv1[1], tv2[0] * 1000000LL + tv2[1],
				      tv3[0] * 1000000LL + tv3[1]),
		 "vDSO gettimeofday between two system calls (%d.%06d)", tv2[0], tv2[1]);
	t1 = ut_int80(UT_NR_time, 0, 0, 0);
	t2 = tm(&tp);
	t3 = ut_int80(UT_NR_time, 0, 0, 0);
	ut_check(t1 <= t2 && t2 <= t3 && tp == t2, "vDSO time() between two system calls (%ld)", t2);
}
