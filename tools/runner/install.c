// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exec-time installation: map our vDSO into a freshly exec'd i386 tracee
 * (fixed slot in compat mode, a random page in normal mode) with its data
 * page right below, in one mmap2, fill both, leave the data page read-only
 * and the image read+exec, and point AT_SYSINFO / AT_SYSINFO_EHDR at the
 * image — or remove both when the vDSO is disabled.  All of it happens at
 * the exec stop, before the new image runs a single instruction.  A fork
 * copies both with the rest of the address space: nothing to do there.
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

/* How the span is mapped; the data page is then made PROT_READ only. */
#define SPAN_PROT	(PROT_READ | PROT_EXEC)

static int32_t map_pages(struct tracee *t, uint32_t addr, uint32_t size, uint32_t extra_flags)
{
	const uint32_t args[6] = { addr, size, SPAN_PROT,
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

/*
 * Fill whole pages of the span and leave them @prot.  /proc/PID/mem writes
 * reach the read-only pages (FOLL_FORCE); without that, open them for
 * writing only meanwhile.
 */
static bool fill_pages(struct tracee *t, uint32_t addr, const void *bytes, uint32_t size, uint32_t prot)
{
	bool written = remote_write(t, addr, bytes, size);

	if (!written && !(protect(t, addr, size, PROT_READ | PROT_WRITE) &&
			  remote_write(t, addr, bytes, size)))
		return false;
	return (written && prot == SPAN_PROT) || protect(t, addr, size, prot);
}

static void log_install(const struct runner_vdso *rv, const struct tracee *t,
			const struct relvdso_exec *ex, uint32_t host_vdso, unsigned int forwarded)
{
	fprintf(stderr, "vdsorun: pid %d: %s vDSO (%s image) at 0x%08x, AT_SYSINFO 0x%08x\n",
		(int)t->pid, relvdso_mode_name(rv->glue.mode), rv->glue.image->name,
		ex->base, ex->at_sysinfo);
	fprintf(stderr, "vdsorun: pid %d: data page at 0x%08x (read-only), %u of %u functions "
		"forwarded to the host vDSO at 0x%08x%s\n", (int)t->pid, ex->data, forwarded,
		runner_forward_count(), host_vdso, rv->forward == RUNNER_FORWARD_OFF ? " (--forward=off)" : "");
}

/* Say why, unless the tracee died meanwhile (a SIGKILL is no failure of ours). */
static bool fail(struct tracee *t, const char *what, int32_t err)
{
	if (!remote_alive(t))
		return false;
	fprintf(stderr, "vdsorun: pid %d: %s%s%s\n", (int)t->pid, what,
		err ? ": " : "", err ? strerror(-err) : "");
	remote_restore(t);
	return false;
}

bool runner_install(struct runner_vdso *rv, struct tracee *t, bool verbose)
{
	static union {
		struct relvdso_data d;
		uint8_t bytes[RELVDSO_DATA_SIZE];
	} data;
	struct relvdso_mapping map;
	struct relvdso_exec ex;
	struct auxv av;
	uint32_t old_n, host_vdso;
	bool have_ehdr, have_sysinfo;
	unsigned int forwarded;
	int32_t start;

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
	if (!remote_lend_gate(t))
		return fail(t, "no way to make a system call in the new image", 0);

	/* one span: the data pages, then the image */
	start = map.fixed ? map_pages(t, map.fixed_base - map.data_size, map.data_size + map.size,
				      MAP32_FIXED_NOREPLACE)
			  : map_random(t, map.data_size + map.size);
	if (start == -EEXIST && map.fixed) {
		char what[112];

		snprintf(what, sizeof(what), "compat vDSO slot 0x%08x (data page 0x%08x) is already mapped",
			 map.fixed_base, map.fixed_base - map.data_size);
		return fail(t, what, 0);
	}
	if (is_err(start))
		return fail(t, "cannot map the vDSO", start);
	relvdso_glue_exec(&rv->glue, (uint32_t)start + map.data_size, &ex);
	if (!fill_pages(t, ex.base, ex.pages, ex.map_size, SPAN_PROT))
		return fail(t, "cannot fill the vDSO pages", 0);
	forwarded = runner_data_fill(rv, t, host_vdso, &data.d);
	if (ex.data_size != sizeof(data.bytes) ||
	    !fill_pages(t, ex.data, data.bytes, ex.data_size, PROT_READ))
		return fail(t, "cannot fill the vDSO data page", 0);

	auxv_set(&av, AT_SYSINFO_EHDR, ex.at_sysinfo_ehdr);
	auxv_set(&av, AT_SYSINFO, ex.at_sysinfo);
	if (!auxv_write(t, &av, old_n))
		return fail(t, "cannot write the auxiliary vector", 0);
	if (!remote_restore(t))
		return fail(t, "cannot restore registers", 0);
	if (verbose)
		log_install(rv, t, &ex, host_vdso, forwarded);
	return true;
}
