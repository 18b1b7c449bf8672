/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * relvdso boot glue: the host-neutral sequence a host (a kernel, the
 * userspace runner, a simulator) drives, and the per-process values it
 * hands back.  Freestanding; the host owns all storage, including the
 * struct relvdso_glue itself.
 *
 *   relvdso_glue_init()         once, before anything else
 *   relvdso_glue_reserve_top()  from reserve_top_address(), any number of times
 *   relvdso_glue_set_backend()  when the paravirt backend registers
 *   relvdso_glue_boot()         once, after early params and backend detection
 *                               (relvdso_glue_boot_opts() for options already parsed)
 *   relvdso_glue_mapping()      per process: what to map, before a base is picked
 *   relvdso_glue_exec()         per process, at exec time, once the base is known
 *
 * Boot never fails: whatever goes wrong, the vDSO ends up disabled with one
 * log line saying why, and exec then passes no AT_SYSINFO* at all.
 */
#ifndef RELVDSO_GLUE_H
#define RELVDSO_GLUE_H

#include "types.h"
#include "image.h"
#include "entry.h"
#include "policy.h"
#include "reloc.h"
#include "vdso_data.h"

#ifdef __cplusplus
extern "C" {
#endif

enum relvdso_log_level {
	RELVDSO_LOG_INFO = 0,
	RELVDSO_LOG_WARN,
	RELVDSO_LOG_ERR
};

typedef void relvdso_log_fn(void *ctx, enum relvdso_log_level level, const char *line);

struct relvdso_host {
	enum relvdso_host_kind kind;
	uint32_t cpu_caps;			/* RELVDSO_CPU_* */
	struct relvdso_fixmap_cfg fixmap;	/* how reserve_top_address moves the fixmap */
	enum relvdso_mode build_default;	/* mode when vdso= is absent or bad */
	/*
	 * Compat mode: writable memory the image is copied to and relocated in
	 * (a kernel passes the lowmem alias of the fixmap page).  NULL or too
	 * small means compat mode cannot be honoured.
	 */
	uint8_t *compat_page;
	uint32_t compat_page_size;
	/* Optional: images to use instead of the built-in ones (NULL entries: built-in). */
	const struct relvdso_image *images[RELVDSO_ENTRY_COUNT];
	relvdso_log_fn *log;			/* may be NULL */
	void *log_ctx;
};

/* Why the vDSO ended up as it did. */
enum relvdso_boot_status {
	RELVDSO_BOOT_OK = 0,
	RELVDSO_BOOT_NOT_BOOTED,	/* relvdso_glue_boot() not called yet */
	RELVDSO_BOOT_DISABLED_BY_OPTION,/* vdso=0 */
	RELVDSO_BOOT_NO_IMAGE,		/* no image for the chosen entry */
	RELVDSO_BOOT_FIXMAP,		/* the reservation leaves no room for the compat page */
	RELVDSO_BOOT_NO_COMPAT_PAGE,	/* host gave no (or too small a) compat page */
	RELVDSO_BOOT_RELOC,		/* the relocator rejected the image */
	RELVDSO_BOOT_BAD_IMAGE,		/* normal mode: the image failed the relocator's check */
	RELVDSO_BOOT_STATUS_COUNT
};

const char *relvdso_boot_status_str(enum relvdso_boot_status st);

struct relvdso_glue {
	const struct relvdso_host *host;
	uint32_t reserved;			/* bytes reserved at the top (last hook call) */
	uint32_t reserve_calls;			/* how often the hook ran */
	enum relvdso_backend backend;
	struct relvdso_opts opts;		/* parsed vdso=, vdso32=, vdso_entry= */
	struct relvdso_entry_choice choice;
	enum relvdso_mode mode;			/* effective mode after boot */
	enum relvdso_boot_status status;
	enum relvdso_reloc_err reloc_err;	/* with RELVDSO_BOOT_RELOC, _BAD_IMAGE */
	enum relvdso_fixmap_err fixmap_err;	/* with RELVDSO_BOOT_FIXMAP */
	const struct relvdso_image *image;	/* NULL when disabled */
	struct relvdso_fixmap fixmap;		/* valid when fixmap_err == OK */
	uint32_t compat_base;			/* compat: where the image is linked now */
	struct relvdso_reloc_stats stats;	/* compat: what the relocation touched */
};

/*
 * What a host maps per process before it picks a base: @size bytes of
 * image (whole pages) at @fixed_base when @fixed (compat), else wherever
 * the host likes, and always @data_size bytes of data pages right below
 * (struct relvdso_data, read-only, not executable).  All-zero (size 0)
 * when the vDSO is disabled.
 */
struct relvdso_mapping {
	uint32_t size;
	uint32_t data_size;
	bool fixed;
	uint32_t fixed_base;
};

/* What a host needs per process.  All-zero with present == false when disabled. */
struct relvdso_exec {
	bool present;			/* pass AT_SYSINFO and AT_SYSINFO_EHDR (both) */
	bool fixed;			/* compat: @base is fixed and already mapped/prelinked */
	uint32_t base;			/* where the image is mapped: AT_SYSINFO_EHDR */
	uint32_t at_sysinfo_ehdr;
	uint32_t at_sysinfo;		/* __kernel_vsyscall */
	uint32_t landing_pad;		/* where fast entries return */
	uint32_t sigreturn;		/* __kernel_sigreturn */
	uint32_t rt_sigreturn;		/* __kernel_rt_sigreturn */
	const uint8_t *pages;		/* bytes to map (the compat page when fixed) */
	uint32_t map_size;		/* bytes to map, whole pages */
	uint32_t data;			/* the data pages: base - data_size */
	uint32_t data_size;		/* RELVDSO_DATA_SIZE */
};

void relvdso_glue_init(struct relvdso_glue *glue, const struct relvdso_host *host);
void relvdso_glue_reserve_top(struct relvdso_glue *glue, uint32_t bytes);
void relvdso_glue_set_backend(struct relvdso_glue *glue, enum relvdso_backend backend);
/* Parse vdso=, vdso32= and vdso_entry= from @cmdline (may be NULL), then boot. */
void relvdso_glue_boot(struct relvdso_glue *glue, const char *cmdline);
/*
 * Boot from options the host parsed itself (start from relvdso_opts_init());
 * its warnings, if any, are logged as relvdso_glue_boot() logs its own.
 * NULL: the build default, entry auto.
 */
void relvdso_glue_boot_opts(struct relvdso_glue *glue, const struct relvdso_opts *opts);

void relvdso_glue_mapping(const struct relvdso_glue *glue, struct relvdso_mapping *out);

/*
 * Per-process values.  @random_base is the page-aligned address the host
 * picked for a normal-mode image mapping (of relvdso_glue_mapping()'s
 * size, with its data pages below); compat mode ignores it.
 */
void relvdso_glue_exec(const struct relvdso_glue *glue, uint32_t random_base,
		       struct relvdso_exec *out);

/* The image used for @entry: the host's override or the built-in one. */
const struct relvdso_image *relvdso_glue_image(const struct relvdso_host *host,
					       enum relvdso_entry entry);

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_GLUE_H */
