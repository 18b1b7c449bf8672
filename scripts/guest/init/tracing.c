// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tracers in the guest: Debian i386 strace (from the trimmed chroot,
 * make-initramfs.sh) pointed at every consumer.
 *
 * strace-i-NAME: `strace -i` prints the instruction pointer of each system
 * call.  A call made through __kernel_vsyscall enters the kernel from
 * inside the process's vDSO (int $0x80 there, or SYSENTER, whose return
 * point is the image's landing pad); a raw int $0x80 enters from the
 * program's own text.  Each consumer prints its AT_SYSINFO_EHDR (busybox:
 * cat of its own /proc/self/maps), so the check knows where the page is in
 * this very process (normal mode randomizes it); the page's length is the
 * [vdso] mapping's in /init's maps (the same image).  What must enter
 * where is a table per consumer, as measured and explained below; without
 * a vDSO (vdso=0) every call must come from the program itself.
 *
 * strace-f: `strace -f` of a dash pipeline: it must follow every process
 * and the pipeline's output and exit status must be unchanged.
 *
 * The consumers in /tests are bind-mounted at /chroot/tests, so the
 * chroot's strace (and its libc, the one vdso-glibc is linked against)
 * runs them.  A missing tool is a skip carrying the reason chroot-prepare.sh
 * left in /chroot/tools.missing; guest-check fails a cell on it.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"

#define STRACE		"/usr/bin/strace"		/* inside /chroot */
#define TRACE_FILE	"/tmp/strace.txt"		/* inside /chroot */
#define MAX_NAMES	64

/*
 * Where each consumer's system calls enter.  outside: the calls allowed to
 * come from the program's own text although a vDSO is there (NULL: none);
 * only_inside: every other call must come from outside (Go).
 */
static const struct traced {
	const char *prog;		/* /tests/PROG, or busybox */
	const char *outside;		/* space-separated syscall names */
	int only_listed_inside;		/* 1: outside lists the calls that must be inside */
	int startup_anywhere;		/* 1: calls before main's first reference call are
					 * not judged (ld.so's own int $0x80) */
	const char *arg;		/* one more argument for the program, or NULL */
} traced[] = {
	/* ld.so reads AT_SYSINFO before its first call: all through the page */
	/* ld.so enters with its own int $0x80 (rtld has no TCB to find
	 * AT_SYSINFO in); libc.so through the page, except clone3: glibc's
	 * i386 clone3 is a raw int $0x80 (the child cannot return through a
	 * call) */
	{ "vdso-glibc", "clone3", 0, 1, NULL },
	/* static glibc: its start-up (brk, set_thread_area) runs before the
	 * TCB holds AT_SYSINFO */
	{ "vdso-glibc-static", "brk set_thread_area clone3", 0, 0, NULL },
	/* musl's start-up sets the thread pointer before it reads AT_SYSINFO */
	{ "vdso-musl", "set_thread_area set_tid_address", 0, 0, NULL },
	/* Go's own int $0x80, except its vDSO clock calls (relvdso's
	 * __vdso_clock_gettime is a system call from inside the page) */
	{ "vdso-go", "clock_gettime clock_gettime64", 1, 0,
	  "--readings=100" },	/* 10000 traced clock reads take 16 s under TCG */
	{ "vdso-dietlibc", NULL, 0, 0, NULL },
	{ "vdso-klibc", NULL, 0, 0, NULL },
	/* busybox-static is glibc static */
	{ "busybox", "brk set_thread_area", 0, 0, NULL },
};

/* The consumers' --expect= value, indexed by enum ut_mode. */
static const char *const expect_names[] = { "compat", "normal", "none" };

static char tools_missing[200];

/*
 * The consumers' own deliberate int $0x80 calls (the reference values they
 * compare the libc with, made by userspace-tests/common/'s ut_* functions
 * and libc_entry.c's libc_entry_int80_getpid): found by symbol in the
 * program file, so they are not counted as the libc's.  A symbol without a
 * size (assembly) spans REF_SPAN bytes.  A PIE's symbols are offsets from
 * the load base the consumer prints ("load base 0x...").
 */
static const char *const reference_prefixes[] = { "ut_", "libc_entry_int80" };
#define REF_SPAN	64
#define MAX_REFS	128

struct refs {
	unsigned long at[MAX_REFS], size[MAX_REFS];
	int n;
};

static int is_reference_name(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(reference_prefixes) / sizeof(reference_prefixes[0]); k++)
		if (!strncmp(name, reference_prefixes[k], strlen(reference_prefixes[k])))
			return 1;
	return 0;
}

static void find_reference_stubs(const char *path, struct refs *rf, unsigned long load)
{
	static unsigned char buf[4 << 20];
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)buf;
	const Elf32_Shdr *sh;
	FILE *f = fopen(path, "rb");
	size_t len = f ? fread(buf, 1, sizeof(buf), f) : 0;
	unsigned i, j;

	rf->n = 0;
	if (f)
		fclose(f);
	if (len < sizeof(*eh) || memcmp(buf, ELFMAG, SELFMAG) || eh->e_shoff + eh->e_shnum * sizeof(*sh) > len)
		return;
	if (eh->e_type != ET_DYN)
		load = 0;	/* the symbols are addresses already */
	sh = (const Elf32_Shdr *)(buf + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf32_Sym *sym = (const Elf32_Sym *)(buf + sh[i].sh_offset);
		const Elf32_Shdr *strs = &sh[sh[i].sh_link];

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum ||
		    sh[i].sh_offset + sh[i].sh_size > len || strs->sh_offset + strs->sh_size > len)
			continue;
		for (j = 0; j < sh[i].sh_size / sizeof(*sym) && rf->n < MAX_REFS; j++) {
			if (sym[j].st_name >= strs->sh_size || !sym[j].st_value ||
			    !is_reference_name((const char *)buf + strs->sh_offset + sym[j].st_name))
				continue;
			rf->at[rf->n] = load + sym[j].st_value;
			rf->size[rf->n++] = sym[j].st_size ? sym[j].st_size : REF_SPAN;
		}
	}
}

static int is_reference(const struct refs *rf, unsigned long ip)
{
	int i;

	for (i = 0; i < rf->n; i++)
		if (ip - rf->at[i] < rf->size[i])
			return 1;
	return 0;
}

static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p && (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* Start and length of a "[vdso]" line of a maps text (0: none). */
static unsigned long maps_vdso(const char *maps, unsigned long *len)
{
	const char *p = strstr(maps, "[vdso]");
	unsigned long lo, hi;

	if (!p)
		return 0;
	while (p > maps && p[-1] != '\n')
		p--;
	if (sscanf(p, "%lx-%lx", &lo, &hi) != 2)
		return 0;
	*len = hi - lo;
	return lo;
}

/* The length of /init's own [vdso] mapping: the image's. */
static unsigned long own_vdso_len(void)
{
	static char maps[16384];
	unsigned long len = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	size_t n;

	if (!f)
		return 0;
	n = fread(maps, 1, sizeof(maps) - 1, f);
	fclose(f);
	maps[n] = 0;
	return maps_vdso(maps, &len) ? len : 0;
}

struct tally {
	int calls, inside, references, startup;
	int bad;			/* calls on the wrong side */
	char first_bad[96];
	char outside_names[200];	/* distinct names that came from outside */
};

/* Classify every call after the traced program's execve. */
static int tally_trace(const char *path, unsigned long lo, unsigned long len,
		       const struct traced *t, const struct refs *rf, int have_vdso, struct tally *y)
{
	char line[512];
	int after_exec = 0;
	FILE *f = fopen(path, "r");

	memset(y, 0, sizeof(*y));
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long ip;
		char name[32];
		int in, want_in;

		if (sscanf(line, "[%lx] %31[a-z0-9_](", &ip, name) != 2)
			continue;
		if (!after_exec) {	/* strace's child calling execve: not the program yet */
			after_exec = !strcmp(name, "execve");
			continue;
		}
		in = ip - lo < len;
		if (!in && is_reference(rf, ip)) {
			y->references++;
			continue;
		}
		if (t->startup_anywhere && !y->references) {
			y->startup++;
			continue;
		}
		y->calls++;
		y->inside += in;
		if (!in && !listed(y->outside_names, name) &&
		    strlen(y->outside_names) + strlen(name) + 2 < sizeof(y->outside_names)) {
			strcat(y->outside_names, " ");
			strcat(y->outside_names, name);
		}
		if (!have_vdso)
			want_in = 0;
		else if (t->only_listed_inside)
			want_in = listed(t->outside, name);
		else
			want_in = !listed(t->outside, name);
		if (in != want_in && !y->bad++)
			snprintf(y->first_bad, sizeof(y->first_bad), "%s at 0x%08lx (%s the page)", name,
				 ip, in ? "inside" : "outside");
	}
	fclose(f);
	return 0;
}

static void test_strace_i(const struct rv_env *e, const struct traced *t, unsigned long vlen)
{
	char tname[64], prog[64], inroot[80], expect[32], addr[32];
	const char *argv[10] = { STRACE, "-i", "-o", TRACE_FILE, prog };
	int busybox = !strcmp(t->prog, "busybox"), have = e->mode != UT_NONE, i = 5;
	unsigned long lo = 0, len = vlen, load;
	struct rv_run r;
	struct tally y;
	struct refs rf;
	const char *p;

	snprintf(tname, sizeof(tname), "strace-i-%s", t->prog);
	snprintf(prog, sizeof(prog), busybox ? "/usr/bin/%s" : "/tests/%s", t->prog);
	if (tools_missing[0]) {
		SKIP(tname, "no strace: %s", tools_missing);
		return;
	}
	snprintf(inroot, sizeof(inroot), "/chroot%s", prog);
	if (access(inroot, X_OK)) {
		SKIP(tname, "%s not in the initramfs", prog);
		return;
	}
	if (busybox) {
		argv[i++] = "cat";
		argv[i++] = "/proc/self/maps";
	} else {
		snprintf(expect, sizeof(expect), "--expect=%s", expect_names[e->mode]);
		argv[i++] = expect;
		argv[i++] = "--host=kernel";
		if (t->arg)
			argv[i++] = t->arg;
		if (e->mode == UT_COMPAT) {
			snprintf(addr, sizeof(addr), "--addr=0x%08lx", e->base);
			argv[i++] = addr;
		}
	}
	rv_run("/chroot", argv, &r);
	if (busybox)
		lo = maps_vdso(r.output, &len);
	else if ((p = strstr(r.output, "AT_SYSINFO_EHDR 0x")))
		lo = strtoul(p + 16, NULL, 16);
	p = strstr(r.output, "load base 0x");
	load = p ? strtoul(p + 10, NULL, 16) : 0;
	if (r.status != 0) {
		FAIL(tname, "strace %s: exit %d, last line: %s", prog, r.status, r.last);
		return;
	}
	if (have && (!lo || !len)) {
		FAIL(tname, "no vDSO base (0x%08lx) or length (%lu) from %s's output", lo, len, prog);
		return;
	}
	find_reference_stubs(inroot, &rf, load);
	if (tally_trace("/chroot" TRACE_FILE, lo, have ? len : 0, t, &rf, have, &y)) {
		FAIL(tname, "no trace file /chroot%s", TRACE_FILE);
		return;
	}
	CHECK(y.calls >= 3 && !y.bad, tname,
	      "%d libc calls after execve (+%d start-up, +%d int $0x80 references of the test's own), %d from inside the vDSO [0x%08lx, +0x%lx), %d on the wrong side%s%s; from outside:%s",
	      y.calls, y.startup, y.references, y.inside, lo, have ? len : 0, y.bad, y.bad ? ", first: " : "", y.first_bad,
	      y.outside_names[0] ? y.outside_names : " none");
}

/* strace -f of a dash pipeline: every process traced, the result unchanged. */
static void test_strace_f(void)
{
	const char *argv[] = { STRACE, "-f", "-o", TRACE_FILE, "/bin/sh", "-c",
		"echo abc | wc -c; exit 7", NULL };
	int pids[MAX_NAMES], npids = 0, execs_wc = 0, exits = 0, j;
	char line[512], got[32] = "";
	struct rv_run r;
	FILE *f;

	if (tools_missing[0]) {
		SKIP("strace-f", "no strace: %s", tools_missing);
		return;
	}
	rv_run("/chroot", argv, &r);
	f = fopen("/chroot" TRACE_FILE, "r");
	while (f && fgets(line, sizeof(line), f)) {
		int pid;

		if (sscanf(line, "%d ", &pid) != 1)
			continue;
		for (j = 0; j < npids && pids[j] != pid; j++)
			;
		if (j == npids && npids < MAX_NAMES)
			pids[npids++] = pid;
		execs_wc += strstr(line, "execve(\"/usr/bin/wc\"") != NULL;
		exits += strstr(line, "+++ exited with ") != NULL;
	}
	if (f)
		fclose(f);
	sscanf(r.output, "%31s", got);
	/* sh, the subshell running echo, the child exec'ing wc */
	CHECK(r.status == 7 && !strcmp(got, "4") && npids >= 3 && exits == npids && execs_wc == 1,
	      "strace-f", "exit %d (want 7), output '%s' (want 4), %d processes traced (want >= 3), %d exits, %d execve of wc",
	      r.status, got, npids, exits, execs_wc);
}

static void read_tools_missing(void)
{
	FILE *f = fopen("/chroot/tools.missing", "r");

	tools_missing[0] = 0;
	if (f) {
		if (!fgets(tools_missing, sizeof(tools_missing), f))
			snprintf(tools_missing, sizeof(tools_missing), "(unreadable reason)");
		tools_missing[strcspn(tools_missing, "\n")] = 0;
		fclose(f);
	} else if (access("/chroot" STRACE, X_OK)) {
		snprintf(tools_missing, sizeof(tools_missing), "/chroot%s not in the initramfs", STRACE);
	}
}

void group_tracing(struct rv_env *e)
{
	unsigned long vlen = e->mode == UT_NONE ? 0 : own_vdso_len();
	size_t i;

	if (access("/chroot/bin/sh", X_OK))
		return;		/* no chroot packed: make-initramfs.sh lists none of these */
	read_tools_missing();
	mkdir("/chroot/tests", 0755);
	mount("proc", "/chroot/proc", "proc", 0, NULL);
	mount("/tests", "/chroot/tests", NULL, MS_BIND, NULL);
	for (i = 0; i < sizeof(traced) / sizeof(traced[0]); i++)
		test_strace_i(e, &traced[i], vlen);
	test_strace_f();
	umount("/chroot/tests");
	umount("/chroot/proc");
}
