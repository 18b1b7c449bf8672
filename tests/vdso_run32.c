// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-run32: run a vDSO image for real.  A 32-bit program (built -m32
 * -static) that maps a zero data page and IMAGE right above it at an
 * address the kernel picks, then calls into it and checks every answer
 * against libc and the kernel:
 *
 *   - __kernel_vsyscall: getpid, a 6-argument mmap2 (arg 2 in %ecx and arg 6
 *     in %ebp are the ones the fast entries shuffle), every register but
 *     %eax preserved;
 *   - the LINUX_2.6 time functions against libc with the zero page (every
 *     one a system call), -EINVAL for a bad clock, callee-saved registers
 *     preserved;
 *   - signal delivery through __kernel_sigreturn / __kernel_rt_sigreturn as
 *     sa_restorer, and a libgcc backtrace from the handler through the
 *     trampoline's FDE into the interrupted code;
 *   - for the int80 image, a backtrace from a signal that interrupts a
 *     syscall inside __kernel_vsyscall (its own CFI at the landing pad);
 *   - then the time functions against data pages it fills (vdso_time32.c).
 *
 * usage: vdso-run32 IMAGE ENTRY EH_FRAME_OFF SYM...
 *   ENTRY is int80, sysenter or syscall; the offsets (hex, from the image
 *   base) come from the caller, which reads the image with libelf; SYM is
 *   one offset per enum relvdso_sym (relvdso/vdso_facts.h), in that order.
 * Prints "ok N - what" / "not ok N - what" lines, "skip - what: why" for a
 * check this machine cannot run, and a summary; exits 1 if any failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <unwind.h>

#include "vdso_run32.h"

/* i386 syscall numbers used directly */
#define NR_getpid	20
#define NR_kill		37
#define NR_pause	29
#define NR_mmap2	192
#define NR_munmap	91

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };

__asm__(
	".text\n"
	".globl run_call\n"
	".type run_call, @function\n"
	"run_call:\n"
	"	pushl %ebp\n"
	"	pushl %ebx\n"
	"	pushl %esi\n"
	"	pushl %edi\n"			/* args: fn 20, in 24, out 28, a1 32, a2 36, a3 40 */
	"	pushl 20(%esp)\n"		/* fn, below the callee's arguments */
	"	pushl 44(%esp)\n"		/* a3 */
	"	pushl 44(%esp)\n"		/* a2 */
	"	pushl 44(%esp)\n"		/* a1; fn at 12(%esp), in at 40 */
	"	movl 40(%esp), %eax\n"
	"	movl 4(%eax), %ebx\n"
	"	movl 8(%eax), %ecx\n"
	"	movl 12(%eax), %edx\n"
	"	movl 16(%eax), %esi\n"
	"	movl 20(%eax), %edi\n"
	"	movl 24(%eax), %ebp\n"
	"	movl 0(%eax), %eax\n"
	"	call *12(%esp)\n"
	".globl run_call_ret\n"
	"run_call_ret:\n"
	"	pushl %eax\n"			/* out now at 48 */
	"	movl 48(%esp), %eax\n"
	"	movl %ebx, 4(%eax)\n"
	"	movl %ecx, 8(%eax)\n"
	"	movl %edx, 12(%eax)\n"
	"	movl %esi, 16(%eax)\n"
	"	movl %edi, 20(%eax)\n"
	"	movl %ebp, 24(%eax)\n"
	"	popl %ebx\n"
	"	movl %ebx, 0(%eax)\n"
	"	movl %ebx, %eax\n"
	"	addl $16, %esp\n"
	"	popl %edi\n"
	"	popl %esi\n"
	"	popl %ebx\n"
	"	popl %ebp\n"
	"	ret\n"
	".size run_call, . - run_call\n");

/* libgcc's unwinder entry points (unwind-dw2-fde.h is not installed) */
struct dwarf_eh_bases { void *tbase, *dbase, *func; };
extern void __register_frame(void *begin);
extern const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases);

uint8_t *base;
uint32_t image_size;
struct relvdso_data *page;
uint32_t sym[RELVDSO_SYM_COUNT];

/* The facts table's names, by enum relvdso_sym, for the check lines. */
#define SYM_NAME_ROW(id, name, node, type, field)	[RELVDSO_SYM_##id] = RELVDSO_VDSO_STR(name),
const char *const sym_names[RELVDSO_SYM_COUNT] = { RELVDSO_VDSO_SYMS(SYM_NAME_ROW) };

/* checks, failed, skipped: shared, so a forked child's checks count too */
enum { NCHECKS, NFAILED, NSKIPPED, NCOUNTERS };
static volatile int *counters;

void check(int ok, const char *fmt, ...)
{
	va_list ap;

	counters[NCHECKS]++;
	counters[NFAILED] += !ok;
	printf("%s %d - ", ok ? "ok" : "not ok", counters[NCHECKS]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void skip(const char *fmt, ...)
{
	va_list ap;

	counters[NSKIPPED]++;
	printf("skip - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

const struct regs markers = {
	0, 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666
};

static uint32_t vsyscall(const struct regs *in, struct regs *out)
{
	return run_call(at(RELVDSO_SYM_VSYSCALL), in, out, 0, 0, 0);
}

int preserved(const struct regs *in, const struct regs *out, int all)
{
	/* cdecl may clobber ecx and edx; __kernel_vsyscall may not */
	return in->ebx == out->ebx && in->esi == out->esi && in->edi == out->edi &&
	       in->ebp == out->ebp && (!all || (in->ecx == out->ecx && in->edx == out->edx));
}

static void test_vsyscall_getpid(void)
{
	struct regs in = markers, out;

	in.eax = NR_getpid;
	check(vsyscall(&in, &out) == (uint32_t)getpid(), "%s getpid", SYM_NAME(VSYSCALL));
	check(preserved(&in, &out, 1), "%s preserves ebx ecx edx esi edi ebp", SYM_NAME(VSYSCALL));
}

/* mmap2(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 1): page 1 of a two-page file. */
static void test_vsyscall_six_args(void)
{
	char path[] = "/tmp/vdso-run32.XXXXXX";
	static char pages[2 * PAGE];
	struct regs in, out;
	int fd = mkstemp(path);
	uint32_t addr;

	memset(pages, 'A', PAGE);
	memset(pages + PAGE, 'B', PAGE);
	if (fd < 0 || write(fd, pages, sizeof(pages)) != (ssize_t)sizeof(pages)) {
		check(0, "mmap2 through __kernel_vsyscall: temp file: %s", strerror(errno));
		return;
	}
	unlink(path);
	in = (struct regs){ NR_mmap2, 0, PAGE, PROT_READ, MAP_PRIVATE, (uint32_t)fd, 1 };
	addr = vsyscall(&in, &out);
	check(addr < (uint32_t)-4095 && *(const char *)addr == 'B',
	      "mmap2 through __kernel_vsyscall gets all six arguments (%#x)", addr);
	check(preserved(&in, &out, 1), "... and preserves every register but eax");
	if (addr < (uint32_t)-4095)
		munmap((void *)addr, PAGE);
	close(fd);
}

int32_t call3(void *fn, uint32_t a1, uint32_t a2, uint32_t a3, int *kept)
{
	struct regs in = markers, out;
	int32_t ret = (int32_t)run_call(fn, &in, &out, a1, a2, a3);

	*kept = preserved(&in, &out, 0);
	return ret;
}

static int32_t call2(enum relvdso_sym s, uint32_t a1, uint32_t a2, int *kept)
{
	return call3(at(s), a1, a2, 0, kept);
}

static int64_t ns(int64_t sec, int64_t nsec)
{
	return sec * 1000000000 + nsec;
}

static int64_t us(int64_t sec, int64_t usec)
{
	return sec * 1000000 + usec;
}

/* A vDSO reading of @clk must fall between two libc readings around it. */
static void test_clock(clockid_t clk, const char *name)
{
	struct timespec before, after;
	struct ts32 t32;
	struct ts64 t64;
	int32_t r32, r64;
	int kept32, kept64;

	clock_gettime(clk, &before);
	r32 = call2(RELVDSO_SYM_CLOCK_GETTIME, (uint32_t)clk, (uint32_t)&t32, &kept32);
	r64 = call2(RELVDSO_SYM_CLOCK_GETTIME64, (uint32_t)clk, (uint32_t)&t64, &kept64);
	clock_gettime(clk, &after);
	check(r32 == 0 && ns(t32.sec, t32.nsec) >= ns(before.tv_sec, before.tv_nsec) &&
	      ns(t32.sec, t32.nsec) <= ns(after.tv_sec, after.tv_nsec),
	      "%s(%s) within libc's readings", SYM_NAME(CLOCK_GETTIME), name);
	check(r64 == 0 && ns(t64.sec, t64.nsec) >= ns(t32.sec, t32.nsec) &&
	      ns(t64.sec, t64.nsec) <= ns(after.tv_sec, after.tv_nsec),
	      "%s(%s) within libc's readings", SYM_NAME(CLOCK_GETTIME64), name);
	check(kept32 && kept64, "clock_gettime(%s) preserves ebx esi edi ebp", name);
}

static void test_time_functions(void)
{
	struct ts32 t32, res32;
	struct ts64 t64;
	struct tv32 tv;
	struct timezone tz;
	struct timespec res;
	struct timeval before, after;
	int32_t r, t, stored = 0;
	time_t now;
	uint32_t cpu, node;
	int kept;

	test_clock(CLOCK_REALTIME, "CLOCK_REALTIME");
	test_clock(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	test_clock(CLOCK_BOOTTIME, "CLOCK_BOOTTIME");
	test_clock(CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID");

	check(call2(RELVDSO_SYM_CLOCK_GETTIME, 1000, (uint32_t)&t32, &kept) == -EINVAL,
	      "%s(bad clock) returns -EINVAL", SYM_NAME(CLOCK_GETTIME));
	check(call2(RELVDSO_SYM_CLOCK_GETTIME64, 1000, (uint32_t)&t64, &kept) == -EINVAL,
	      "%s(bad clock) returns -EINVAL", SYM_NAME(CLOCK_GETTIME64));

	/* bracketed by libc's gettimeofday: time() reads a coarser clock */
	gettimeofday(&before, NULL);
	r = call2(RELVDSO_SYM_GETTIMEOFDAY, (uint32_t)&tv, (uint32_t)&tz, &kept);
	gettimeofday(&after, NULL);
	check(r == 0 && tv.usec >= 0 && tv.usec < 1000000 &&
	      us(tv.sec, tv.usec) >= us(before.tv_sec, before.tv_usec) &&
	      us(tv.sec, tv.usec) <= us(after.tv_sec, after.tv_usec),
	      "%s within libc's readings", SYM_NAME(GETTIMEOFDAY));
	check(kept, "%s preserves ebx esi edi ebp", SYM_NAME(GETTIMEOFDAY));

	now = time(NULL);
	t = call2(RELVDSO_SYM_TIME, (uint32_t)&stored, 0, &kept);
	check(t >= now && t <= time(NULL) && stored == t, "%s returns and stores the time", SYM_NAME(TIME));
	check(call2(RELVDSO_SYM_TIME, 0, 0, &kept) >= t && kept, "%s(NULL) works", SYM_NAME(TIME));

	clock_getres(CLOCK_MONOTONIC, &res);
	r = call2(RELVDSO_SYM_CLOCK_GETRES, CLOCK_MONOTONIC, (uint32_t)&res32, &kept);
	check(r == 0 && res32.sec == res.tv_sec && res32.nsec == res.tv_nsec,
	      "%s(CLOCK_MONOTONIC) matches libc (%d ns)", SYM_NAME(CLOCK_GETRES), (int)res32.nsec);
	check(call2(RELVDSO_SYM_CLOCK_GETRES, 1000, (uint32_t)&res32, &kept) == -EINVAL,
	      "%s(bad clock) returns -EINVAL", SYM_NAME(CLOCK_GETRES));

	cpu = node = 0xdead;
	r = call2(RELVDSO_SYM_GETCPU, (uint32_t)&cpu, (uint32_t)&node, &kept);
	check(r == 0 && cpu < (uint32_t)sysconf(_SC_NPROCESSORS_CONF) && node != 0xdead && kept,
	      "%s reports cpu %u node %u", SYM_NAME(GETCPU), cpu, node);
}

/* ---- signals ---------------------------------------------------------- */

/* The kernel's i386 struct sigaction (not libc's). */
struct ksigaction {
	void *handler;
	uint32_t flags;
	void *restorer;
	uint32_t mask[2];
};
#define K_SA_SIGINFO	0x00000004u
#define K_SA_RESTORER	0x04000000u

#define MAX_FRAMES	32

static struct backtrace {
	uint32_t ip[MAX_FRAMES];
	int n;
} bt;

static _Unwind_Reason_Code collect(struct _Unwind_Context *ctx, void *arg)
{
	(void)arg;
	if (bt.n == MAX_FRAMES)
		return _URC_END_OF_STACK;
	bt.ip[bt.n++] = (uint32_t)_Unwind_GetIP(ctx);
	return _URC_NO_REASON;
}

static void handler(int sig)
{
	(void)sig;
	bt.n = 0;
	_Unwind_Backtrace(collect, NULL);
}

static void rt_handler(int sig, siginfo_t *info, void *uc)
{
	(void)info;
	(void)uc;
	handler(sig);
}

static int install(int sig, enum relvdso_sym restorer)
{
	struct ksigaction ka = {
		.handler = restorer == RELVDSO_SYM_RT_SIGRETURN ? (void *)rt_handler : (void *)handler,
		.flags = K_SA_RESTORER | (restorer == RELVDSO_SYM_RT_SIGRETURN ? K_SA_SIGINFO : 0),
		.restorer = at(restorer),
	};

	return syscall(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

/* Index of @ip in the last backtrace, or -1. */
static int frame_of(uint32_t ip)
{
	for (int i = 0; i < bt.n; i++)
		if (bt.ip[i] == ip)
			return i;
	return -1;
}

extern const char sig_here[];

/* kill(getpid(), sig) by int $0x80; the signal arrives at sig_here. */
__attribute__((noinline)) static uint32_t raise_here(int sig, uint32_t *ret_addr)
{
	uint32_t eax = NR_kill;

	*ret_addr = (uint32_t)__builtin_return_address(0);
	__asm__ volatile("int $0x80\n"
			 ".globl sig_here\n"
			 "sig_here:\n"
			 : "+a"(eax)
			 : "b"(getpid()), "c"(sig)
			 : "memory");
	return eax;
}

static void test_signal(int sig, enum relvdso_sym restorer, const char *what)
{
	uint32_t tramp = (uint32_t)at(restorer), caller, ret;
	struct dwarf_eh_bases bases;
	int t, h;

	check(_Unwind_Find_FDE((void *)(tramp - 1), &bases) && (uint32_t)bases.func == tramp - 1,
	      "%s: libgcc finds the image's FDE, starting at the nop", what);
	if (install(sig, restorer) != 0) {
		check(0, "%s: rt_sigaction: %s", what, strerror(errno));
		return;
	}
	ret = raise_here(sig, &caller);
	check(ret == 0, "%s: handler returned through the trampoline (kill -> %d)", what, (int)ret);
	t = frame_of(tramp);
	h = frame_of((uint32_t)sig_here);
	check(t > 0 && h == t + 1, "%s: backtrace walks handler -> trampoline -> interrupted code",
	      what);
	check(h > 0 && h + 1 < bt.n && bt.ip[h + 1] == caller,
	      "%s: ... and on into the interrupted code's caller", what);
	signal(sig, SIG_DFL);
}

/*
 * pause() through __kernel_vsyscall, interrupted by SIGALRM: the handler's
 * backtrace must pass the landing pad (the CFI after the three pushes) and
 * reach run_call's return address.
 */
static void test_signal_in_vsyscall(void)
{
	struct itimerval it = { .it_value = { 0, 20000 } };
	struct regs in = markers, out;
	uint32_t ret;
	int lp;

	if (install(SIGALRM, RELVDSO_SYM_RT_SIGRETURN) != 0) {
		check(0, "pause: rt_sigaction: %s", strerror(errno));
		return;
	}
	setitimer(ITIMER_REAL, &it, NULL);
	in.eax = NR_pause;
	ret = vsyscall(&in, &out);
	check((int32_t)ret == -EINTR, "pause through __kernel_vsyscall interrupted: -EINTR");
	check(preserved(&in, &out, 1), "... registers preserved across the signal");
	lp = frame_of((uint32_t)at(RELVDSO_SYM_LANDING_PAD));
	check(lp > 0 && lp + 1 < bt.n && bt.ip[lp + 1] == (uint32_t)run_call_ret,
	      "backtrace from a signal inside __kernel_vsyscall reaches its caller");
	signal(SIGALRM, SIG_DFL);
}

/* ---- setup ------------------------------------------------------------ */

/*
 * The data page, zero-filled (= system calls only), then IMAGE right above
 * it, at an address the kernel picks: the layout every host gives an image.
 * The page stays writable here so vdso_time32.c can fill it; the image
 * only reads it.
 */
static uint8_t *map_image(const char *path)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	uint32_t len;
	uint8_t *p;

	if (fd < 0 || fstat(fd, &st) != 0)
		return NULL;
	len = (st.st_size + PAGE - 1) & ~(PAGE - 1);
	p = mmap(NULL, RELVDSO_DATA_SIZE + len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || read(fd, p + RELVDSO_DATA_SIZE, st.st_size) != st.st_size ||
	    mprotect(p + RELVDSO_DATA_SIZE, len, PROT_READ | PROT_EXEC) != 0) {
		close(fd);
		return NULL;
	}
	close(fd);
	page = (struct relvdso_data *)p;
	image_size = len;
	return p + RELVDSO_DATA_SIZE;
}

int main(int argc, char **argv)
{
	uint32_t eh_frame;
	const char *entry;

	if (argc != 4 + RELVDSO_SYM_COUNT) {
		fprintf(stderr, "usage: vdso-run32 IMAGE ENTRY EH_FRAME_OFF SYM x %d\n", RELVDSO_SYM_COUNT);
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);	/* keep every line if a check crashes */
	counters = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counters == MAP_FAILED) {
		printf("not ok 1 - shared counters: %s\n", strerror(errno));
		return 1;
	}
	entry = argv[2];
	eh_frame = strtoul(argv[3], NULL, 16);
	for (int i = 0; i < RELVDSO_SYM_COUNT; i++)
		sym[i] = strtoul(argv[4 + i], NULL, 16);
	base = map_image(argv[1]);
	if (!base) {
		printf("not ok 1 - map %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("# %s (%s) mapped at %p, data page at %p\n", argv[1], entry, (void *)base,
	       (void *)page);
	__register_frame(base + eh_frame);

	test_vsyscall_getpid();
	test_vsyscall_six_args();
	test_time_functions();
	test_signal(SIGUSR1, RELVDSO_SYM_SIGRETURN, "sigreturn");
	test_signal(SIGUSR2, RELVDSO_SYM_RT_SIGRETURN, "rt_sigreturn");
	if (!strcmp(entry, "int80"))
		test_signal_in_vsyscall();
	test_data_page();

	printf("# vdso-run32 %s: %d checks, %d failed, %d skipped\n", entry, counters[NCHECKS],
	       counters[NFAILED], counters[NSKIPPED]);
	return counters[NFAILED] ? 1 : 0;
}
