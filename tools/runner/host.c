// SPDX-License-Identifier: GPL-2.0-only
/*
 * The runner as a relvdso host: a 64-bit Linux kernel running 32-bit
 * processes.  It boots the same glue a guest kernel links.
 *
 * Reservation.  A 64-bit host keeps [0xffffe000, 4G) of every 32-bit
 * process for itself and puts the process stack in the next 16 MiB down
 * (up to 8 MiB of stack randomization plus the default 8 MiB stack limit).
 * That is this host's "reserve_top_address": RUNNER_HOST_RESERVE, to which
 * --reservetop adds.  The page-rounded rule then puts the compat page at
 * -reserve - 2 pages: 0xfeffe000 by default, 0xfaffe000 with 64M more,
 * and its data page right below.  That must stay at or above
 * RUNNER_FIXMAP_FLOOR, which caps --reservetop.
 */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

#define CPUID1_EDX_SEP		(1u << 11)	/* SYSENTER/SYSEXIT present */

static const struct relvdso_fixmap_cfg runner_fixmap = {
	.rule = RELVDSO_FIXMAP_PAGE_ROUNDED,
	.floor = RUNNER_FIXMAP_FLOOR,
};

struct vendor_caps {
	char vendor[13];
	uint32_t caps;		/* what a 64-bit Linux kernel lets 32-bit code use */
};

/* Linux sets SYSENTER32 for these Intel-compatible vendors, SYSCALL32 for AMD's. */
static const struct vendor_caps vendor_table[] = {
	{ "GenuineIntel", RELVDSO_CPU_SYSENTER32 },
	{ "CentaurHauls", RELVDSO_CPU_SYSENTER32 },
	{ "  Shanghai  ", RELVDSO_CPU_SYSENTER32 },
	{ "AuthenticAMD", RELVDSO_CPU_SYSCALL32 },
	{ "HygonGenuine", RELVDSO_CPU_SYSCALL32 },
};

static uint32_t host_cpu_caps(void)
{
	unsigned int eax, ebx, ecx, edx;
	char vendor[13];
	uint32_t caps = 0;
	size_t i;

	if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx))
		return 0;
	memcpy(vendor, &ebx, 4);
	memcpy(vendor + 4, &edx, 4);
	memcpy(vendor + 8, &ecx, 4);
	vendor[12] = '\0';
	if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (edx & CPUID1_EDX_SEP))
		caps |= RELVDSO_CPU_SEP;
	for (i = 0; i < sizeof(vendor_table) / sizeof(vendor_table[0]); i++)
		if (strcmp(vendor, vendor_table[i].vendor) == 0)
			caps |= vendor_table[i].caps;
	return caps;
}

/*
 * A larger reservation leaves the compat pages no room above the floor, and
 * the glue would boot with the vDSO disabled.  The rule is the core's: find
 * where it stops agreeing (it only refuses more as the reservation grows).
 */
uint32_t runner_reservetop_max(void)
{
	uint32_t lo = 0, hi = UINT32_MAX - RUNNER_HOST_RESERVE;
	struct relvdso_fixmap fm;

	while (lo < hi) {
		uint32_t mid = hi - (hi - lo) / 2;

		if (relvdso_fixmap_compute(&runner_fixmap, RUNNER_HOST_RESERVE + mid, &fm) == RELVDSO_FIXMAP_OK)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static void log_to_stderr(void *ctx, enum relvdso_log_level level, const char *line)
{
	const struct runner_opts *opts = ctx;

	/* A kernel prints warnings whatever the loglevel; so do we. */
	if (opts->verbose || level != RELVDSO_LOG_INFO)
		fprintf(stderr, "%s\n", line);
}

void runner_vdso_boot(struct runner_vdso *rv, const struct runner_opts *opts)
{
	memset(rv, 0, sizeof(*rv));
	/* the facts table's page budget: the largest image the glue may copy here */
	rv->compat_page = aligned_alloc(RELVDSO_PAGE_SIZE, RELVDSO_VDSO_MAX_PAGES * RELVDSO_PAGE_SIZE);
	rv->host.kind = RELVDSO_HOST_X86_64;
	rv->host.cpu_caps = host_cpu_caps();
	rv->host.fixmap = runner_fixmap;
	rv->host.build_default = RELVDSO_MODE_NORMAL;
	rv->host.compat_page = rv->compat_page;
	rv->host.compat_page_size = rv->compat_page ? RELVDSO_VDSO_MAX_PAGES * RELVDSO_PAGE_SIZE : 0;
	rv->host.log = log_to_stderr;
	rv->host.log_ctx = (void *)opts;
	rv->forward = opts->forward;

	relvdso_glue_init(&rv->glue, &rv->host);
	if (opts->verbose)
		fprintf(stderr, "vdsorun: a 64-bit host keeps the top %uM of a 32-bit process; --reservetop adds %u bytes\n",
			RUNNER_HOST_RESERVE >> 20, opts->reservetop);
	relvdso_glue_reserve_top(&rv->glue, RUNNER_HOST_RESERVE + opts->reservetop);
	if (opts->backend != RELVDSO_BACKEND_NATIVE)
		relvdso_glue_set_backend(&rv->glue, opts->backend);
	relvdso_glue_boot_opts(&rv->glue, &opts->boot);
}
