// SPDX-License-Identifier: GPL-2.0-only
/* System calls through AT_SYSINFO and the image's clock: syscall regs sixargs clock. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define PAGE 4096

static void test_syscall(const struct rv_env *e)
{
	long a, b, c;

	if (!e->vdso_entry) {
		a = getpid();
		b = ut_int80(UT_NR_getpid, 0, 0, 0);
		CHECK(a == b && a > 0, "syscall", "no vDSO: libc getpid=%ld int80 getpid=%ld", a, b);
		return;
	}
	a = rv_vsys(e->vdso_entry, UT_NR_getpid, 0, 0, 0, 0, 0, 0);
	b = ut_int80(UT_NR_getpid, 0, 0, 0);
	c = rv_vsys(e->vdso_entry, UT_NR_getppid, 0, 0, 0, 0, 0, 0);
	CHECK(a == b && a > 0 && c == getppid(), "syscall",
	      "getpid via AT_SYSINFO=%ld via int80=%ld getppid=%ld", a, b, c);
}

static void test_regs(const struct rv_env *e)
{
	static const uint32_t seed[7] = { UT_NR_getpid, 0x11111111, 0x22222222, 0x33333333,
					  0x44444444, 0x55555555, 0x66666666 };
	uint32_t r[7];
	unsigned m = 0;
	int i;

	if (!e->vdso_entry) {
		SKIP("regs", "no vDSO");
		return;
	}
	memcpy(r, seed, sizeof(r));
	ut_vsys_call(e->vdso_entry, r);
	for (i = 1; i < 7; i++)
		m |= (r[i] != seed[i]) << (i - 1);
	CHECK(m == 0, "regs", "registers changed by __kernel_vsyscall (ebx=1 ecx=2 edx=4 esi=8 edi=16 ebp=32): 0x%x", m);
}

/* Six arguments: mmap2 with a page offset, so %ebp (arg 6) must arrive. */
static void test_sixargs(const struct rv_env *e)
{
	char page[PAGE];
	long addr;
	int fd;

	if (!e->vdso_entry) {
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
	addr = rv_vsys(e->vdso_entry, UT_NR_mmap2, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 1);
	if ((unsigned long)addr >= (unsigned long)-4095) {
		FAIL("sixargs", "mmap2 via AT_SYSINFO failed: %ld", addr);
	} else {
		char c = *(char *)addr;

		CHECK(c == 'B', "sixargs", "mmap2(pgoff=1) via AT_SYSINFO reads '%c' (want 'B')", c);
		rv_vsys(e->vdso_entry, UT_NR_munmap, addr, PAGE, 0, 0, 0, 0);
	}
	close(fd);
	unlink("/tmp/sixargs");
}

static void test_clock(const struct rv_env *e)
{
	typedef long (*cg_fn)(long, struct timespec *);
	const char *name = ut_vdso_sym_name(RELVDSO_SYM_CLOCK_GETTIME);
	struct timespec a, b;
	long long d;
	cg_fn fn;
	long r;

	if (!e->view_ok) {
		SKIP("clock", "no vDSO");
		return;
	}
	fn = (cg_fn)(uintptr_t)ut_vdso_sym(&e->view, RELVDSO_SYM_CLOCK_GETTIME);
	if (!fn) {
		SKIP("clock", "image has no %s", name);
		return;
	}
	r = fn(CLOCK_MONOTONIC, &a);
	ut_int80(UT_NR_clock_gettime, CLOCK_MONOTONIC, (long)&b, 0);
	d = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	if (r != 0 || d < 0 || d > 1000000000LL) {
		FAIL("clock", "%s=%ld mono %ld.%09ld vs syscall %ld.%09ld", name, r,
		     (long)a.tv_sec, a.tv_nsec, (long)b.tv_sec, b.tv_nsec);
		return;
	}
	r = fn(12345, &a);
	CHECK(r == -EINVAL, "clock", "%s(MONOTONIC) ok (delta %lld ns), bad clock -> %ld", name, d, r);
}

void group_calls(struct rv_env *e)
{
	test_syscall(e);
	test_regs(e);
	test_sixargs(e);
	test_clock(e);
}
