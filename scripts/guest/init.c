// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init for the relvdso guest: checks the vDSO the kernel gave it, one
 * machine-readable line per test, then reboots (qemu runs -no-reboot, so
 * it exits).
 *
 *   RELVDSO-TEST name=NAME result=pass|fail|skip detail=...
 *   RELVDSO-DONE pass=N fail=N skip=N
 *
 * Expectations come from the kernel command line: parameters the kernel
 * does not know (rvx_mode=, rvx_entry=, rvx_base=) reach init as
 * environment variables.  Built gcc -m32 -static (glibc).
 *
 * Run as "/init child" it is the exec'd child of the fork/exec test.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- calling conventions ------------------------------------------------ */

/* long rv_call6(void *fn, long nr, long a1, a2, a3, a4, a5, a6): via __kernel_vsyscall */
/* long rv_int80(long nr, long a1, a2, a3, a4, a5, a6): raw int $0x80 */
/* unsigned rv_clobber(void *fn): bitmask of ebx,ecx,edx,esi,edi,ebp changed by a call */
long rv_call6(void *fn, long nr, long a1, long a2, long a3, long a4, long a5, long a6);
long rv_int80(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
unsigned rv_clobber(void *fn);

__asm__(
	".text\n"
	".globl rv_call6\n"
	"rv_call6:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl 20(%esp), %eax\n	pushl %eax\n"
	"	movl 32(%esp), %ebx\n	movl 36(%esp), %ecx\n	movl 40(%esp), %edx\n"
	"	movl 44(%esp), %esi\n	movl 48(%esp), %edi\n	movl 52(%esp), %ebp\n"
	"	movl 28(%esp), %eax\n"
	"	call *(%esp)\n"
	"	addl $4, %esp\n"
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n	ret\n"
	".globl rv_int80\n"
	"rv_int80:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl 24(%esp), %ebx\n	movl 28(%esp), %ecx\n	movl 32(%esp), %edx\n"
	"	movl 36(%esp), %esi\n	movl 40(%esp), %edi\n	movl 44(%esp), %ebp\n"
	"	movl 20(%esp), %eax\n"
	"	int $0x80\n"
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n	ret\n"
	".globl rv_clobber\n"
	"rv_clobber:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl 20(%esp), %eax\n	pushl %eax\n"
	"	movl $0x11111111, %ebx\n	movl $0x22222222, %ecx\n	movl $0x33333333, %edx\n"
	"	movl $0x44444444, %esi\n	movl $0x55555555, %edi\n	movl $0x66666666, %ebp\n"
	"	movl $20, %eax\n"		/* getpid */
	"	call *(%esp)\n"
	"	addl $4, %esp\n"
	"	xorl %eax, %eax\n"
	"	cmpl $0x11111111, %ebx\n	je 1f\n	orl $1, %eax\n1:\n"
	"	cmpl $0x22222222, %ecx\n	je 1f\n	orl $2, %eax\n1:\n"
	"	cmpl $0x33333333, %edx\n	je 1f\n	orl $4, %eax\n1:\n"
	"	cmpl $0x44444444, %esi\n	je 1f\n	orl $8, %eax\n1:\n"
	"	cmpl $0x55555555, %edi\n	je 1f\n	orl $16, %eax\n1:\n"
	"	cmpl $0x66666666, %ebp\n	je 1f\n	orl $32, %eax\n1:\n"
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n	ret\n");

#define NR_exit		1
#define NR_getpid	20
#define NR_kill		37
#define NR_getppid	64
#define NR_rt_sigaction	174
#define NR_mmap2	192
#define NR_munmap	91
#define NR_clock_gettime 265

/* ---- output ------------------------------------------------------------- */

static int npass, nfail, nskip;
static int is_child;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	(void)!write(1, buf, n);
}

static void result(const char *name, const char *res, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void result(const char *name, const char *res, const char *fmt, ...)
{
	char detail[400];
	va_list ap;
	char *p;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	for (p = detail; *p; p++)
		if (*p == '\n')
			*p = ' ';
	if (!strcmp(res, "pass"))
		npass++;
	else if (!strcmp(res, "fail"))
		nfail++;
	else
		nskip++;
	out("RELVDSO-TEST name=%s%s result=%s detail=%s\n", is_child ? "child-" : "", name,
	    res, detail);
}

#define PASS(name, ...) result(name, "pass", __VA_ARGS__)
#define FAIL(name, ...) result(name, "fail", __VA_ARGS__)
#define SKIP(name, ...) result(name, "skip", __VA_ARGS__)
#define CHECK(cond, name, ...) ((cond) ? PASS(name, __VA_ARGS__) : FAIL(name, __VA_ARGS__))

/* ---- expectations ------------------------------------------------------- */

static const char *exp_mode;	/* disabled | normal | compat */
static const char *exp_entry;	/* int80 | sysenter */
static unsigned long exp_base;	/* compat: the fixmap slot */

static unsigned long vdso_base, vdso_entry;

/* ---- reading our vDSO the way a legacy consumer does -------------------- */

struct vdso_view {
	const Elf32_Ehdr *eh;
	unsigned long bias;		/* add to a p_vaddr / d_ptr / st_value */
	unsigned long load_vaddr;	/* first PT_LOAD p_vaddr */
	const Elf32_Sym *sym;
	const char *str;
	const Elf32_Word *hash;
	const Elf32_Versym *versym;
	const Elf32_Verdef *verdef;
};

static const char *view_init(struct vdso_view *v, unsigned long base)
{
	const Elf32_Phdr *ph;
	const Elf32_Dyn *dyn = NULL;
	int i, have_load = 0;

	memset(v, 0, sizeof(*v));
	v->eh = (const Elf32_Ehdr *)base;
	if (memcmp(v->eh->e_ident, ELFMAG, SELFMAG) || v->eh->e_ident[EI_CLASS] != ELFCLASS32)
		return "no ELF32 header at AT_SYSINFO_EHDR";
	ph = (const Elf32_Phdr *)(base + v->eh->e_phoff);
	for (i = 0; i < v->eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			have_load = 1;
			v->load_vaddr = ph[i].p_vaddr;
			v->bias = base - ph[i].p_vaddr;
		}
	}
	if (!have_load)
		return "no PT_LOAD";
	for (i = 0; i < v->eh->e_phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf32_Dyn *)(ph[i].p_vaddr + v->bias);
	if (!dyn)
		return "no PT_DYNAMIC";
	for (; dyn->d_tag != DT_NULL; dyn++) {
		unsigned long p = dyn->d_un.d_ptr + v->bias;

		switch (dyn->d_tag) {
		case DT_SYMTAB: v->sym = (const Elf32_Sym *)p; break;
		case DT_STRTAB: v->str = (const char *)p; break;
		case DT_HASH: v->hash = (const Elf32_Word *)p; break;
		case DT_VERSYM: v->versym = (const Elf32_Versym *)p; break;
		case DT_VERDEF: v->verdef = (const Elf32_Verdef *)p; break;
		}
	}
	if (!v->sym || !v->str || !v->hash)
		return "DT_SYMTAB/DT_STRTAB/DT_HASH missing";
	return NULL;
}

static unsigned long elf_hash(const char *s)
{
	unsigned long h = 0, g;

	while (*s) {
		h = (h << 4) + (unsigned char)*s++;
		g = h & 0xf0000000;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* Symbol address (with the bias applied) through DT_HASH, version checked. */
static unsigned long view_sym(const struct vdso_view *v, const char *name, const char *version)
{
	Elf32_Word nbucket = v->hash[0];
	const Elf32_Word *bucket = v->hash + 2, *chain = bucket + nbucket;
	Elf32_Word i;

	for (i = bucket[elf_hash(name) % nbucket]; i; i = chain[i]) {
		const Elf32_Sym *s = &v->sym[i];

		if (strcmp(v->str + s->st_name, name) || s->st_shndx == SHN_UNDEF)
			continue;
		if (version && v->versym && v->verdef) {
			const Elf32_Verdef *d = v->verdef;
			Elf32_Half want = v->versym[i] & 0x7fff;
			int ok = 0;

			for (;;) {
				const Elf32_Verdaux *a =
					(const Elf32_Verdaux *)((const char *)d + d->vd_aux);
				if (d->vd_ndx == want && !strcmp(v->str + a->vda_name, version))
					ok = 1;
				if (!d->vd_next)
					break;
				d = (const Elf32_Verdef *)((const char *)d + d->vd_next);
			}
			if (!ok)
				continue;
		}
		return s->st_value + v->bias;
	}
	return 0;
}

/* ---- tests -------------------------------------------------------------- */

static void test_auxv(void)
{
	int has_ehdr = vdso_base != 0, has_entry = vdso_entry != 0;

	out("RELVDSO-AUXV AT_SYSINFO=0x%08lx AT_SYSINFO_EHDR=0x%08lx\n", vdso_entry, vdso_base);
	if (has_ehdr != has_entry) {
		FAIL("auxv", "AT_SYSINFO=0x%lx AT_SYSINFO_EHDR=0x%lx: only one given", vdso_entry,
		     vdso_base);
		return;
	}
	if (!strcmp(exp_mode, "disabled")) {
		CHECK(!has_ehdr, "auxv", "mode disabled: AT_SYSINFO*=%s", has_ehdr ? "present" : "absent");
	} else if (!strcmp(exp_mode, "compat")) {
		CHECK(vdso_base == exp_base, "auxv", "mode compat: AT_SYSINFO_EHDR=0x%08lx expected 0x%08lx AT_SYSINFO=0x%08lx",
		      vdso_base, exp_base, vdso_entry);
	} else {
		CHECK(has_ehdr && vdso_base < 0xc0000000ul && !(vdso_base & 0xfff), "auxv",
		      "mode normal: AT_SYSINFO_EHDR=0x%08lx AT_SYSINFO=0x%08lx (user range, page aligned)",
		      vdso_base, vdso_entry);
	}
}

static void test_image(struct vdso_view *v, int *ok)
{
	const char *err;

	*ok = 0;
	if (!vdso_base) {
		SKIP("image", "no vDSO");
		return;
	}
	err = view_init(v, vdso_base);
	if (err) {
		FAIL("image", "%s", err);
		return;
	}
	*ok = 1;
	/* The legacy-glibc view: p_vaddr must be the address it lives at (compat only). */
	if (!strcmp(exp_mode, "compat"))
		CHECK(v->load_vaddr == vdso_base && v->eh->e_entry == vdso_entry, "image",
		      "prelinked: PT_LOAD p_vaddr=0x%08lx e_entry=0x%08x AT_SYSINFO=0x%08lx",
		      v->load_vaddr, v->eh->e_entry, vdso_entry);
	else
		CHECK(v->load_vaddr == 0 && v->eh->e_entry + vdso_base == vdso_entry, "image",
		      "linked at 0 (legacy glibc would see the mismatch p_vaddr 0x%lx != 0x%08lx), e_entry+base == AT_SYSINFO",
		      v->load_vaddr, vdso_base);
}

static void test_symbols(const struct vdso_view *v)
{
	unsigned long vs = view_sym(v, "__kernel_vsyscall", "LINUX_2.5");
	unsigned long sr = view_sym(v, "__kernel_sigreturn", "LINUX_2.5");
	unsigned long rt = view_sym(v, "__kernel_rt_sigreturn", "LINUX_2.5");
	static const unsigned char sr_bytes[] = { 0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80 };
	static const unsigned char rt_bytes[] = { 0xb8, 0xad, 0, 0, 0, 0xcd, 0x80 };
	int ok = vs == vdso_entry && sr && rt && !memcmp((void *)sr, sr_bytes, sizeof(sr_bytes)) &&
		 !memcmp((void *)rt, rt_bytes, sizeof(rt_bytes));

	CHECK(ok, "symbols", "DT_HASH+versions: __kernel_vsyscall=0x%08lx __kernel_sigreturn=0x%08lx __kernel_rt_sigreturn=0x%08lx",
	      vs, sr, rt);
}

/* Which instruction does __kernel_vsyscall enter the kernel with? */
static void test_entry(void)
{
	static const unsigned char sysenter_seq[] = { 0x51, 0x52, 0x55, 0x89, 0xe5, 0x0f, 0x34, 0xcd, 0x80 };
	static const unsigned char int80_seq[] = { 0x51, 0x52, 0x55, 0xcd, 0x80 };
	const unsigned char *p = (const unsigned char *)vdso_entry;
	const char *seen = "unknown";
	char hex[40];
	int i;

	if (!vdso_entry) {
		SKIP("entry", "no vDSO: libc uses int $0x80");
		return;
	}
	for (i = 0; i < 9; i++)
		snprintf(hex + 3 * i, sizeof(hex) - 3 * i, "%02x%s", p[i], i < 8 ? "." : "");
	if (!memcmp(p, sysenter_seq, sizeof(sysenter_seq)))
		seen = "sysenter";
	else if (!memcmp(p, int80_seq, sizeof(int80_seq)))
		seen = "int80";
	CHECK(!strcmp(seen, exp_entry), "entry", "AT_SYSINFO bytes %s = %s (expected %s)", hex, seen,
	      exp_entry);
}

static void test_syscall(void)
{
	long a, b, c;

	if (!vdso_entry) {
		a = getpid();
		b = rv_int80(NR_getpid, 0, 0, 0, 0, 0, 0);
		CHECK(a == b && a > 0, "syscall", "no vDSO: libc getpid=%ld int80 getpid=%ld", a, b);
		return;
	}
	a = rv_call6((void *)vdso_entry, NR_getpid, 0, 0, 0, 0, 0, 0);
	b = rv_int80(NR_getpid, 0, 0, 0, 0, 0, 0);
	c = rv_call6((void *)vdso_entry, NR_getppid, 0, 0, 0, 0, 0, 0);
	CHECK(a == b && a > 0 && c == getppid(), "syscall",
	      "getpid via AT_SYSINFO=%ld via int80=%ld getppid=%ld", a, b, c);
}

static void test_regs(void)
{
	unsigned m;

	if (!vdso_entry) {
		SKIP("regs", "no vDSO");
		return;
	}
	m = rv_clobber((void *)vdso_entry);
	CHECK(m == 0, "regs", "registers changed by __kernel_vsyscall (ebx=1 ecx=2 edx=4 esi=8 edi=16 ebp=32): 0x%x", m);
}

/* Six arguments: mmap2 with a page offset, so %ebp (arg 6) must arrive. */
static void test_sixargs(void)
{
	char page[4096];
	long addr;
	int fd;

	if (!vdso_entry) {
		SKIP("sixargs", "no vDSO");
		return;
	}
	fd = open("/tmp/sixargs", O_RDWR | O_CREAT | O_TRUNC, 0600);
	memset(page, 'A', sizeof(page));
	if (fd < 0 || write(fd, page, sizeof(page)) != sizeof(page)) {
		FAIL("sixargs", "cannot create /tmp/sixargs: %s", strerror(errno));
		return;
	}
	memset(page, 'B', sizeof(page));
	(void)!write(fd, page, sizeof(page));
	addr = rv_call6((void *)vdso_entry, NR_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 1);
	if ((unsigned long)addr >= (unsigned long)-4095) {
		FAIL("sixargs", "mmap2 via AT_SYSINFO failed: %ld", addr);
	} else {
		char c = *(char *)addr;

		CHECK(c == 'B', "sixargs", "mmap2(pgoff=1) via AT_SYSINFO reads '%c' (want 'B')", c);
		rv_call6((void *)vdso_entry, NR_munmap, addr, 4096, 0, 0, 0, 0);
	}
	close(fd);
	unlink("/tmp/sixargs");
}

static void test_clock(const struct vdso_view *v, int view_ok)
{
	typedef long (*cg_fn)(long, struct timespec *);
	cg_fn fn;
	struct timespec a, b;
	long r;
	long long d;

	if (!view_ok) {
		SKIP("clock", "no vDSO");
		return;
	}
	fn = (cg_fn)view_sym(v, "__vdso_clock_gettime", "LINUX_2.6");
	if (!fn) {
		SKIP("clock", "image has no __vdso_clock_gettime");
		return;
	}
	r = fn(CLOCK_MONOTONIC, &a);
	rv_int80(NR_clock_gettime, CLOCK_MONOTONIC, (long)&b, 0, 0, 0, 0);
	d = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	if (r != 0 || d < 0 || d > 1000000000LL) {
		FAIL("clock", "__vdso_clock_gettime=%ld mono %ld.%09ld vs syscall %ld.%09ld", r,
		     (long)a.tv_sec, a.tv_nsec, (long)b.tv_sec, b.tv_nsec);
		return;
	}
	r = fn(12345, &a);
	CHECK(r == -EINVAL, "clock", "__vdso_clock_gettime(MONOTONIC) ok (delta %lld ns), bad clock -> %ld", d, r);
}

/* Signals without SA_RESTORER: the kernel must return through the vDSO. */
static volatile unsigned long sig_ret;
static volatile int sig_hits;

static void on_sig(int sig)
{
	(void)sig;
	sig_ret = (unsigned long)__builtin_return_address(0);
	sig_hits++;
}

static void on_sig_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	sig_ret = (unsigned long)__builtin_return_address(0);
	sig_hits++;
}

struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned int mask[2];
};

static void test_signal(const struct vdso_view *v, int view_ok, int rt)
{
	const char *name = rt ? "rt_signal" : "signal";
	struct k_sigaction ka;
	unsigned long want;
	long r;

	if (!view_ok && rt) {
		SKIP(name, "no vDSO: a restorer-less SA_SIGINFO handler has nowhere to return");
		return;
	}
	memset(&ka, 0, sizeof(ka));
	ka.handler = rt ? (void *)on_sig_info : (void *)on_sig;
	ka.flags = rt ? SA_SIGINFO : 0;	/* no SA_RESTORER */
	r = rv_int80(NR_rt_sigaction, SIGUSR1, (long)&ka, 0, 8, 0, 0);
	if (r) {
		FAIL(name, "rt_sigaction: %ld", r);
		return;
	}
	sig_hits = 0;
	sig_ret = 0;
	rv_int80(NR_kill, getpid(), SIGUSR1, 0, 0, 0, 0);
	rv_int80(NR_kill, getpid(), SIGUSR1, 0, 0, 0, 0);
	want = view_ok ? view_sym(v, rt ? "__kernel_rt_sigreturn" : "__kernel_sigreturn", NULL) : 0;
	if (view_ok)
		CHECK(sig_hits == 2 && sig_ret == want, name,
		      "handler ran %d times, returned via 0x%08lx (vDSO %s 0x%08lx)", sig_hits, sig_ret,
		      rt ? "__kernel_rt_sigreturn" : "__kernel_sigreturn", want);
	else
		CHECK(sig_hits == 2, name, "no vDSO: handler ran %d times via the stack trampoline 0x%08lx",
		      sig_hits, sig_ret);
	signal(SIGUSR1, SIG_DFL);
}

static void test_maps(void)
{
	char line[256], want[32];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0, other = 0;
	char seen[256] = "";

	if (!f) {
		FAIL("maps", "cannot open /proc/self/maps: %s", strerror(errno));
		return;
	}
	snprintf(want, sizeof(want), "%08lx-", vdso_base);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "[vdso]"))
			continue;
		line[strcspn(line, "\n")] = 0;
		snprintf(seen, sizeof(seen), "%s", line);
		if (vdso_base && !strncmp(line, want, strlen(want)) && strstr(line, "r-x"))
			found = 1;
		else
			other = 1;
	}
	fclose(f);
	if (!vdso_base)
		CHECK(!found && !other, "maps", "no vDSO: [vdso] line %s", other ? seen : "absent");
	else
		CHECK(found && !other, "maps", "[vdso] line: %s", seen[0] ? seen : "missing");
}

/* /proc/self/mem reads of the vDSO (ptrace's path). */
static void test_procmem(void)
{
	unsigned char buf[64];
	int fd;
	ssize_t n;

	if (!vdso_base) {
		SKIP("procmem", "no vDSO");
		return;
	}
	fd = open("/proc/self/mem", O_RDWR);
	if (fd < 0) {
		FAIL("procmem", "open /proc/self/mem: %s", strerror(errno));
		return;
	}
	n = pread(fd, buf, sizeof(buf), (off_t)vdso_base);
	if (n != sizeof(buf) || memcmp(buf, (void *)vdso_base, sizeof(buf))) {
		FAIL("procmem", "pread at 0x%08lx: %zd (%s)", vdso_base, n, n < 0 ? strerror(errno) : "short or different");
		close(fd);
		return;
	}
	if (!strcmp(exp_mode, "compat")) {
		/* The gate page is never writable, not even through /proc/PID/mem. */
		n = pwrite(fd, buf, 1, (off_t)vdso_base);
		CHECK(n < 0, "procmem", "pread ok; pwrite to the gate page %s", n < 0 ? "refused" : "ACCEPTED");
	} else {
		PASS("procmem", "pread of %zu bytes at 0x%08lx matches", sizeof(buf), vdso_base);
	}
	close(fd);
}

/* The gate page must never be writable from userspace either. */
static void test_readonly(void)
{
	pid_t pid;
	int st;

	if (!vdso_base) {
		SKIP("readonly", "no vDSO");
		return;
	}
	pid = fork();
	if (pid == 0) {
		*(volatile char *)vdso_base = 0;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "readonly",
	      "write to AT_SYSINFO_EHDR: %s %d", WIFSIGNALED(st) ? "signal" : "exit",
	      WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}

static void test_fork(void)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		long a = vdso_entry ? rv_call6((void *)vdso_entry, NR_getpid, 0, 0, 0, 0, 0, 0) : getpid();
		long b = rv_int80(NR_getpid, 0, 0, 0, 0, 0, 0);

		_exit(a == b ? 0 : 1);
	}
	if (pid < 0) {
		FAIL("fork", "fork: %s", strerror(errno));
		return;
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork", "child's syscalls via the vDSO: status 0x%x", st);
}

static void test_exec(void)
{
	char base[32];
	pid_t pid;
	int st;

	snprintf(base, sizeof(base), "%lx", vdso_base);
	setenv("rvx_parent_base", base, 1);
	pid = fork();
	if (pid == 0) {
		execl("/init", "/init", "child", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec", "exec'd child: status 0x%x", st);
}

/* Every relvdso line of the kernel log (also on the console). */
static void test_klog(void)
{
	static char buf[1 << 16];
	char want[64], *p, *line;
	int fd, n, total = 0, found = 0;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		FAIL("klog", "open /dev/kmsg: %s", strerror(errno));
		return;
	}
	snprintf(want, sizeof(want), "relvdso: entry %s ", exp_entry);
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0) {
		total += n;
		buf[total++] = '\n';
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
	if (!strcmp(exp_mode, "disabled"))
		SKIP("klog", "mode disabled: no entry is chosen");
	else
		CHECK(found, "klog", "kernel log has \"%s\"", want);
}

/* ---- the runner issue's userspace consumers, when packed into /tests ---- */

/*
 * Run ARGV (a program under /tests, or under @root when that is not NULL:
 * chrooted there first) with stdout+stderr into @outbuf (echoed to the
 * console as "  | " lines); returns its exit status, or 128+signal (126 if
 * it cannot enter @root).  A 60 s alarm survives exec.  @last gets the last
 * non-empty line.
 */
static char outbuf[32768];

static int run_prog(const char *root, const char *const argv[], char *last, size_t lastsz)
{
	size_t len = 0, echoed = 0;
	int pfd[2], st;
	ssize_t n;
	pid_t pid;
	char *p, *l;

	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		close(pfd[1]);
		if (root && (chroot(root) || chdir("/")))
			_exit(126);
		alarm(60);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], outbuf + len, sizeof(outbuf) - 1 - len)) > 0) {
		len += n;
		outbuf[len] = 0;
		while ((p = strchr(outbuf + echoed, '\n'))) {
			out("  | %.*s\n", (int)(p - (outbuf + echoed)), outbuf + echoed);
			echoed = p + 1 - outbuf;
		}
		if (len == sizeof(outbuf) - 1) {	/* keep the newest half */
			memmove(outbuf, outbuf + len / 2, len - len / 2);
			len -= len / 2;
			echoed = echoed > len / 2 ? echoed - len / 2 : 0;
		}
	}
	outbuf[len] = 0;
	close(pfd[0]);
	/* last non-empty line */
	while (len && outbuf[len - 1] == '\n')
		outbuf[--len] = 0;
	l = strrchr(outbuf, '\n');
	l = l ? l + 1 : outbuf;
	len = strlen(l);
	if (len >= lastsz)
		len = lastsz - 1;
	memcpy(last, l, len);
	last[len] = 0;
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int have(const char *path)
{
	return access(path, X_OK) == 0;
}

static void test_legacy_probe(void)
{
	const char *argv[] = { "/tests/legacy-probe", NULL };
	const char *want_verdict, *want_at = NULL;
	char last[256], at[64];
	int rc, want_rc, ok;

	if (!have(argv[0])) {
		SKIP("legacy-probe", "not in the initramfs");
		return;
	}
	if (!strcmp(exp_mode, "compat")) {
		want_verdict = "verdict=compat-ok", want_rc = 0;
		snprintf(at, sizeof(at), "AT_SYSINFO_EHDR 0x%08lx", exp_base);
		want_at = at;
	} else if (!strcmp(exp_mode, "normal")) {
		want_verdict = "verdict=mismatch", want_rc = 1;
	} else {
		want_verdict = "verdict=no-vdso", want_rc = 0;
	}
	rc = run_prog(NULL, argv, last, sizeof(last));
	ok = rc == want_rc && strstr(outbuf, want_verdict) && (!want_at || strstr(outbuf, want_at));
	CHECK(ok, "legacy-probe", "exit %d (want %d), want %s%s%s; last line: %s", rc, want_rc,
	      want_verdict, want_at ? " and " : "", want_at ? want_at : "", last);
}

/* glibc (dynamic, static), musl, Go: --expect=... --addr=... --entry=... --host=kernel */
static void test_consumer(const char *name)
{
	char path[64], expect[32], addr[32], entry[32], last[256];
	const char *argv[6] = { path, expect, "--host=kernel", NULL, NULL, NULL };
	int rc, i = 3;

	snprintf(path, sizeof(path), "/tests/%s", name);
	if (!have(path)) {
		SKIP(name, "not in the initramfs");
		return;
	}
	snprintf(expect, sizeof(expect), "--expect=%s",
		 !strcmp(exp_mode, "disabled") ? "none" : exp_mode);
	if (!strcmp(exp_mode, "compat")) {
		snprintf(addr, sizeof(addr), "--addr=0x%08lx", exp_base);
		argv[i++] = addr;
	}
	if (strcmp(exp_mode, "disabled")) {
		snprintf(entry, sizeof(entry), "--entry=%s", exp_entry);
		argv[i++] = entry;
	}
	rc = run_prog(NULL, argv, last, sizeof(last));
	CHECK(rc == 0 && strlen(last) >= 6 && !strcmp(last + strlen(last) - 6, ": PASS"), name,
	      "exit %d, last line: %s", rc, last);
}

/* Linux's tools/testing/selftests/vDSO, built -m32: exit 0, or 4 = skip. */
static void test_selftest(const char *name)
{
	char path[96], tname[96], last[256];
	const char *argv[] = { path, NULL };
	int rc;

	snprintf(path, sizeof(path), "/tests/selftests/%s", name);
	snprintf(tname, sizeof(tname), "selftest-%s", name);
	if (!have(path)) {
		SKIP(tname, "not in the initramfs");
		return;
	}
	rc = run_prog(NULL, argv, last, sizeof(last));
	if (rc != 0 && !strcmp(exp_mode, "disabled"))
		SKIP(tname, "no vDSO (exit %d%s): %s", rc, rc == 4 ? ", kselftest skip" : "", last);
	else
		CHECK(rc == 0, tname, "exit %d, last line: %s", rc, last);
}

/*
 * A Debian i386 root (trimmed) entered with chroot: a shell runs coreutils
 * in pipelines and nested shells; every process must see the vDSO the
 * mode promises ([vdso] at the compat address, or a [vdso], or none).
 */
static void test_chroot(void)
{
	const char *argv[] = { "/bin/sh", "-c",
		"cat /proc/self/maps | grep -F '[vdso]' | sed 's/^/cat: /'; "
		"head -n 1000 /proc/self/maps | grep -F '[vdso]' | sed 's/^/head: /'; "
		"sh -c \"sort /proc/self/maps | grep -F '[vdso]'\" | sed 's/^/sort-in-sh: /'; "
		"echo \"ls-count: $(ls / | sort | wc -l)\"; uname -m", NULL };
	char last[256], want[64];
	int rc, n = 0, lines = 0;
	char *p;

	if (access("/chroot/bin/sh", X_OK)) {
		SKIP("chroot", "no chroot in the initramfs");
		return;
	}
	mount("proc", "/chroot/proc", "proc", 0, NULL);
	rc = run_prog("/chroot", argv, last, sizeof(last));
	umount("/chroot/proc");
	if (rc < 0) {
		FAIL("chroot", "cannot run /bin/sh in /chroot");
		return;
	}
	p = strstr(outbuf, "ls-count: ");
	if (p)
		n = atoi(p + 10);
	snprintf(want, sizeof(want), ": %08lx-", exp_base);
	for (p = outbuf; (p = strstr(p, "[vdso]")); p++)
		lines++;
	snprintf(last, sizeof(last), "sh exit %d, ls / | sort | wc -l = %d, %d [vdso] lines in cat/head/sort-in-sh",
		 rc, n, lines);
	if (rc != 0 || n < 3 || !strstr(outbuf, "i686")) {
		FAIL("chroot", "%s", last);
	} else if (!strcmp(exp_mode, "disabled")) {
		CHECK(lines == 0, "chroot", "%s (want none)", last);
	} else if (!strcmp(exp_mode, "compat")) {
		int at = 0;

		for (p = outbuf; (p = strstr(p, want)); p++)
			at++;
		CHECK(lines == 3 && at == 3, "chroot", "%s, %d of them at 0x%08lx", last, at, exp_base);
	} else {
		CHECK(lines == 3, "chroot", "%s", last);
	}
}

static void test_userspace(void)
{
	static const char *const consumers[] = {
		"vdso-glibc", "vdso-glibc-static", "vdso-musl", "vdso-go",
	};
	static const char *const selftests[] = {
		"vdso_test_abi", "vdso_test_clock_getres", "vdso_test_correctness",
		"vdso_test_getcpu", "vdso_test_gettimeofday", "vdso_standalone_test_x86",
	};
	size_t i;

	test_legacy_probe();
	for (i = 0; i < sizeof(consumers) / sizeof(consumers[0]); i++)
		test_consumer(consumers[i]);
	for (i = 0; i < sizeof(selftests) / sizeof(selftests[0]); i++)
		test_selftest(selftests[i]);
	test_chroot();
}

/* The kernel's view of SEP: cleared by -cpu ...,-sep or a backend that needs int80. */
static void test_cpuflag(void)
{
	const char *want = getenv("rvx_sep");
	char line[1024];
	FILE *f;
	int sep = -1;

	if (!want) {
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
	CHECK(sep == atoi(want), "cpuflag", "/proc/cpuinfo flags %s sep (want %s)",
	      sep < 0 ? "missing:" : sep ? "have" : "lack", atoi(want) ? "sep" : "no sep");
}

/* A debugger's view: PTRACE_PEEKTEXT of the vDSO from the parent. */
static void test_ptrace(void)
{
	long want, got;
	pid_t pid;
	int st, err;

	if (!vdso_base) {
		SKIP("ptrace", "no vDSO");
		return;
	}
	want = *(volatile long *)vdso_base;
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	errno = 0;
	got = ptrace(PTRACE_PEEKTEXT, pid, (void *)vdso_base, 0);
	err = errno;
	kill(pid, SIGKILL);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	waitpid(pid, &st, 0);
	CHECK(err == 0 && got == want, "ptrace", "PEEKTEXT at 0x%08lx: 0x%08lx (%s), want 0x%08lx",
	      vdso_base, (unsigned long)got, err ? strerror(err) : "ok", (unsigned long)want);
}

static void child_main(void)
{
	const char *pb = getenv("rvx_parent_base");
	unsigned long parent = pb ? strtoul(pb, NULL, 16) : 0;
	long a = vdso_entry ? rv_call6((void *)vdso_entry, NR_getpid, 0, 0, 0, 0, 0, 0) : getpid();

	if (vdso_base && !strcmp(exp_mode, "compat") && parent != vdso_base)
		exit(2);
	if ((vdso_base != 0) != (parent != 0))
		exit(3);
	exit(a == getpid() ? 0 : 4);
}

static void setup_console(void)
{
	int fd;

	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/tmp", 01777);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		fd = open("/dev/ttyS0", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

int main(int argc, char **argv)
{
	struct vdso_view view;
	int view_ok;

	vdso_base = getauxval(AT_SYSINFO_EHDR);
	vdso_entry = getauxval(AT_SYSINFO);
	exp_mode = getenv("rvx_mode") ? getenv("rvx_mode") : "normal";
	exp_entry = getenv("rvx_entry") ? getenv("rvx_entry") : "sysenter";
	exp_base = getenv("rvx_base") ? strtoul(getenv("rvx_base"), NULL, 16) : 0;

	if (argc > 1 && !strcmp(argv[1], "child")) {
		is_child = 1;
		child_main();
	}
	if (getpid() == 1)
		setup_console();
	out("RELVDSO-START mode=%s entry=%s base=0x%08lx\n", exp_mode, exp_entry, exp_base);

	test_auxv();
	test_image(&view, &view_ok);
	if (view_ok)
		test_symbols(&view);
	else
		SKIP("symbols", "no vDSO");
	test_entry();
	test_syscall();
	test_regs();
	test_sixargs();
	test_clock(&view, view_ok);
	test_signal(&view, view_ok, 0);
	test_signal(&view, view_ok, 1);
	test_maps();
	test_procmem();
	test_ptrace();
	test_readonly();
	test_fork();
	test_exec();
	test_klog();
	test_cpuflag();
	if (getenv("rvx_userspace") && !strcmp(getenv("rvx_userspace"), "1"))
		test_userspace();

	out("RELVDSO-DONE pass=%d fail=%d skip=%d\n", npass, nfail, nskip);
	sync();
	if (getpid() == 1)
		reboot(RB_AUTOBOOT);
	return nfail ? 1 : 0;
}
