// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exec-time installation: map our vDSO into a freshly exec'd i386 tracee
 * (fixed slot in compat mode, a random page in normal mode), fill it, and
 * point AT_SYSINFO / AT_SYSINFO_EHDR at it — or remove both when the vDSO
 * is disabled.  All of it happens at the exec stop, before the new image
 * runs a single instruction.
 *
 * The host kernel's own vDSO stays mapped: the fast entries (sysenter,
 * syscall) return through the host kernel's landing pad, which lives there.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>

#include "runner.h"

/* i386 system call numbers and flags, fixed by the i386 ABI. */
#define NR32_MUNMAP		91
#define NR32_MPROTECT		125
#define NR32_MMAP2		192
#define MAP32_FIXED_NOREPLACE	0x100000u

/* Normal mode picks a page at random in this window (see README). */
#define RANDOM_LO	0xc0000000u
#define RANDOM_HI	0xf0000000u
#define RANDOM_TRIES	16

static bool is_err(int32_t ret)
{
	return ret < 0 && ret > -4096;
}

static bool find_int80(struct tracee *t, uint32_t host_vdso)
{
	uint8_t page[4096];
	uint32_t off, i;

	/* The host's __kernel_vsyscall holds an `int $0x80` we can borrow. */
	for (off = 0; host_vdso && off < 4 * sizeof(page); off += sizeof(page)) {
		if (!remote_read(t, host_vdso + off, page, sizeof(page)))
			break;
		for (i = 0; i + 1 < sizeof(page); i++) {
			if (page[i] == 0xcd && page[i + 1] == 0x80) {
				t->int80_addr = host_vdso + off + i;
				return true;
			}
		}
	}
	/* No host vDSO: lend two bytes at the entry point, put back afterwards. */
	t->int80_addr = (uint32_t)t->regs.rip;
	if (!remote_read(t, t->int80_addr, t->saved, sizeof(t->saved)) ||
	    !remote_write(t, t->int80_addr, "\xcd\x80", 2))
		return false;
	t->poked = true;
	return true;
}

static int32_t map_pages(struct tracee *t, uint32_t addr, uint32_t size, uint32_t extra_flags)
{
	const uint32_t args[6] = { addr, size, PROT_READ | PROT_EXEC,
				   MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, (uint32_t)-1, 0 };
	int32_t ret;

	if (!remote_syscall(t, NR32_MMAP2, args, &ret))
		return -ESRCH;
	/* A kernel that predates MAP_FIXED_NOREPLACE treats addr as a hint. */
	if (!is_err(ret) && addr && (uint32_t)ret != addr) {
		const uint32_t unmap[6] = { (uint32_t)ret, size };
		int32_t ignored;

		remote_syscall(t, NR32_MUNMAP, unmap, &ignored);
		return -EEXIST;
	}
	return ret;
}

static int32_t map_random(struct tracee *t, uint32_t size)
{
	const uint32_t pages = (RANDOM_HI - RANDOM_LO - size) / RELVDSO_PAGE_SIZE;
	int32_t ret = -EEXIST;
	uint32_t r;
	int i;

	for (i = 0; i < RANDOM_TRIES && ret == -EEXIST; i++) {
		if (getrandom(&r, sizeof(r), 0) != sizeof(r))
			break;
		ret = map_pages(t, RANDOM_LO + (r % pages) * RELVDSO_PAGE_SIZE, size,
				MAP32_FIXED_NOREPLACE);
	}
	return ret == -EEXIST ? map_pages(t, 0, size, 0) : ret;
}

static bool protect(struct tracee *t, uint32_t addr, uint32_t size, uint32_t prot)
{
	const uint32_t args[6] = { addr, size, prot };
	int32_t ret;

	return remote_syscall(t, NR32_MPROTECT, args, &ret) && ret == 0;
}

/* Fill the read+exec mapping; without FOLL_FORCE, open it for writing only meanwhile. */
static bool fill_pages(struct tracee *t, uint32_t addr, const uint8_t *pages, uint32_t size)
{
	if (remote_write(t, addr, pages, size))
		return true;
	return protect(t, addr, size, PROT_READ | PROT_WRITE) &&
	       remote_write(t, addr, pages, size) &&
	       protect(t, addr, size, PROT_READ | PROT_EXEC);
}

static bool fail(struct tracee *t, const char *what, int32_t err)
{
	fprintf(stderr, "vdsorun: pid %d: %s%s%s\n", (int)t->pid, what,
		err ? ": " : "", err ? strerror(-err) : "");
	remote_restore(t);
	return false;
}

bool runner_install(struct runner_vdso *rv, struct tracee *t, bool verbose)
{
	struct relvdso_mapping map;
	struct relvdso_exec ex;
	struct auxv av;
	uint32_t old_n, host_vdso;
	bool have_ehdr, have_sysinfo;
	int32_t base;

	if (!auxv_read(t, &av))
		return fail(t, "cannot read the auxiliary vector", 0);
	old_n = av.n;
	host_vdso = auxv_get(&av, AT_SYSINFO_EHDR, &have_ehdr);
	auxv_get(&av, AT_SYSINFO, &have_sysinfo);

	relvdso_glue_mapping(&rv->glue, &map);
	if (!map.size) {
		auxv_remove(&av, AT_SYSINFO);
		auxv_remove(&av, AT_SYSINFO_EHDR);
		if (!auxv_write(t, &av, old_n))
			return fail(t, "cannot write the auxiliary vector", 0);
		if (verbose)
			fprintf(stderr, "vdsorun: pid %d: vDSO disabled, AT_SYSINFO and AT_SYSINFO_EHDR removed\n",
				(int)t->pid);
		return true;
	}
	if (!have_ehdr || !have_sysinfo)
		return fail(t, "the host passed no AT_SYSINFO/AT_SYSINFO_EHDR to replace (host booted with vdso32=0?)", 0);
	if (!find_int80(t, host_vdso))
		return fail(t, "no way to make a system call in the new image", 0);

	base = map.fixed ? map_pages(t, map.fixed_base, map.size, MAP32_FIXED_NOREPLACE)
			 : map_random(t, map.size);
	if (base == -EEXIST && map.fixed) {
		char what[96];

		snprintf(what, sizeof(what), "compat vDSO slot 0x%08x is already mapped", map.fixed_base);
		return fail(t, what, 0);
	}
	if (is_err(base))
		return fail(t, "cannot map the vDSO", base);
	relvdso_glue_exec(&rv->glue, (uint32_t)base, &ex);
	if (!fill_pages(t, ex.base, ex.pages, ex.map_size))
		return fail(t, "cannot fill the vDSO pages", 0);

	auxv_set(&av, AT_SYSINFO_EHDR, ex.at_sysinfo_ehdr);
	auxv_set(&av, AT_SYSINFO, ex.at_sysinfo);
	if (!auxv_write(t, &av, old_n))
		return fail(t, "cannot write the auxiliary vector", 0);
	if (!remote_restore(t))
		return fail(t, "cannot restore registers", 0);
	if (verbose)
		fprintf(stderr, "vdsorun: pid %d: %s vDSO (%s image) at 0x%08x, AT_SYSINFO 0x%08x\n",
			(int)t->pid, relvdso_mode_name(rv->glue.mode), rv->glue.image->name,
			ex.base, ex.at_sysinfo);
	return true;
}
