// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The boot sequence: options -> entry choice -> image -> (compat) copy and
 * relocate to the fixmap slot.  It never fails: anything that goes wrong
 * leaves the vDSO disabled with one log line naming the reason, because a
 * machine without a vDSO still boots and runs (every syscall then takes
 * int $0x80), while one that panics does not.
 */
#include "relvdso/glue.h"
#include "relvdso/fmt.h"
#include "relvdso/internal/ktypes.h"

#define LOG_LINE_MAX	200
#define OPT_VALUE_MAX	40

static RELVDSO_PRINTF(3, 4)
void glue_log(const struct relvdso_glue *glue, enum relvdso_log_level level, const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	u32 n;
	va_list ap;

	if (!glue->host || !glue->host->log)
		return;
	n = relvdso_fmt(line, sizeof(line), "relvdso: ");
	va_start(ap, fmt);
	relvdso_vfmt(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	glue->host->log(glue->host->log_ctx, level, line);
}

void relvdso_glue_init(struct relvdso_glue *glue, const struct relvdso_host *host)
{
	static const struct relvdso_glue fresh = {
		.backend = RELVDSO_BACKEND_NATIVE,
		.mode = RELVDSO_MODE_DISABLED,
		.status = RELVDSO_BOOT_NOT_BOOTED,
	};

	if (!glue)
		return;
	*glue = fresh;
	glue->host = host;
}

void relvdso_glue_reserve_top(struct relvdso_glue *glue, u32 bytes)
{
	char size[16];

	if (!glue)
		return;
	glue->reserved = bytes;
	glue->reserve_calls++;
	relvdso_fmt_size(size, sizeof(size), bytes);
	glue_log(glue, RELVDSO_LOG_INFO, "reserve_top_address(%s): fixmap moves below 0x%08x",
		 size, 0u - bytes);
}

void relvdso_glue_set_backend(struct relvdso_glue *glue, enum relvdso_backend backend)
{
	if (!glue)
		return;
	glue->backend = backend;
	glue_log(glue, RELVDSO_LOG_INFO, "backend %s registered", relvdso_backend_name(backend));
}

/* A bad option value, copied out of the command line for printing. */
static void warn_option(const struct relvdso_glue *glue, const struct relvdso_opt_warning *w)
{
	static const char ellipsis[] = "...";
	char value[OPT_VALUE_MAX];
	u32 i, n = w->value_len;
	const char *applies;
	bool earlier;

	if (n > sizeof(value) - sizeof(ellipsis))
		n = sizeof(value) - sizeof(ellipsis);
	for (i = 0; i < n; i++)
		value[i] = w->value[i];
	if (n < w->value_len)
		for (i = 0; ellipsis[i]; i++)
			value[n++] = ellipsis[i];
	value[n] = '\0';

	if (w->option == RELVDSO_OPTION_VDSO_ENTRY) {
		applies = relvdso_entry_req_name(glue->opts.entry);
		earlier = glue->opts.entry_given;
	} else {
		applies = relvdso_mode_name(glue->opts.mode);
		earlier = glue->opts.mode_given;
	}
	glue_log(glue, RELVDSO_LOG_WARN, "bad %s=%s ignored (%s); using %s (%s)",
		 relvdso_option_name(w->option), value, relvdso_opt_status_str(w->status),
		 applies, earlier ? "from a valid option" : "the default");
}

/* glue->opts holds the options; log what they say and what was refused. */
static void report_options(struct relvdso_glue *glue)
{
	u32 i, n = glue->opts.nwarnings;

	if (n > RELVDSO_OPT_MAX_WARNINGS)
		n = RELVDSO_OPT_MAX_WARNINGS;
	for (i = 0; i < n; i++)
		warn_option(glue, &glue->opts.warnings[i]);
	if (glue->opts.nwarnings_total > n)
		glue_log(glue, RELVDSO_LOG_WARN, "%u more bad vdso options ignored",
			 glue->opts.nwarnings_total - n);
	glue_log(glue, RELVDSO_LOG_INFO, "mode %s (%s)", relvdso_mode_name(glue->opts.mode),
		 glue->opts.mode_given ? "vdso= on the command line" : "build default");
}

static void choose_entry(struct relvdso_glue *glue)
{
	const struct relvdso_host *host = glue->host;
	enum relvdso_entry_req req = glue->opts.entry;

	glue->choice = relvdso_entry_choose(host->cpu_caps, host->kind, glue->backend, req);
	if (glue->choice.fell_back)
		glue_log(glue, RELVDSO_LOG_WARN, "vdso_entry=%s refused: %s; using %s",
			 relvdso_entry_req_name(req), relvdso_entry_why_str(glue->choice.why),
			 relvdso_entry_name(glue->choice.entry));
	glue_log(glue, RELVDSO_LOG_INFO, "entry %s (%s; host %s, backend %s, cpu caps 0x%x)",
		 relvdso_entry_name(glue->choice.entry),
		 glue->choice.fell_back ? "fallback" :
		 glue->choice.overridden ? "requested by vdso_entry=" : "auto",
		 relvdso_host_name(host->kind), relvdso_backend_name(glue->backend),
		 host->cpu_caps);
}

static void disable(struct relvdso_glue *glue, enum relvdso_boot_status why)
{
	glue->status = why;
	glue->mode = RELVDSO_MODE_DISABLED;
	glue->image = NULL;
	glue->compat_base = 0;
}

static void copy_image(u8 *dst, const struct relvdso_image *image, u32 room)
{
	u32 i;

	for (i = 0; i < image->alloc_size; i++)
		dst[i] = image->data[i];
	for (; i < room; i++)
		dst[i] = 0;
}

/* Compat mode: copy the image to the host's page and prelink it at the fixmap slot. */
static void install_compat(struct relvdso_glue *glue)
{
	const struct relvdso_host *host = glue->host;
	const struct relvdso_image *image = glue->image;
	struct relvdso_reloc_stats *st = &glue->stats;
	char reserved[16];

	relvdso_fmt_size(reserved, sizeof(reserved), glue->reserved);
	glue->fixmap_err = relvdso_fixmap_compute(&host->fixmap, glue->reserved, &glue->fixmap);
	if (glue->fixmap_err != RELVDSO_FIXMAP_OK) {
		glue_log(glue, RELVDSO_LOG_ERR, "reserved top %s: %s; vDSO disabled",
			 reserved, relvdso_fixmap_strerror(glue->fixmap_err));
		disable(glue, RELVDSO_BOOT_FIXMAP);
		return;
	}
	if (!host->compat_page || host->compat_page_size < image->alloc_size) {
		glue_log(glue, RELVDSO_LOG_ERR,
			 "%s image needs %u bytes, host page holds %u; vDSO disabled",
			 image->name, image->alloc_size,
			 host->compat_page ? host->compat_page_size : 0);
		disable(glue, RELVDSO_BOOT_NO_COMPAT_PAGE);
		return;
	}
	/* Check against the pristine image first so a refusal leaves the page alone. */
	glue->reloc_err = relvdso_reloc_check(image->data, image->size, 0, glue->fixmap.vdso);
	if (glue->reloc_err == RELVDSO_RELOC_OK) {
		copy_image(host->compat_page, image, host->compat_page_size);
		glue->reloc_err = relvdso_reloc_apply(host->compat_page, image->size, 0,
						      glue->fixmap.vdso, st);
	}
	if (glue->reloc_err != RELVDSO_RELOC_OK) {
		glue_log(glue, RELVDSO_LOG_ERR, "compat vDSO 0x0 -> 0x%08x: %s; vDSO disabled",
			 glue->fixmap.vdso, relvdso_reloc_strerror(glue->reloc_err));
		disable(glue, RELVDSO_BOOT_RELOC);
		return;
	}
	glue->compat_base = glue->fixmap.vdso;
	glue_log(glue, RELVDSO_LOG_INFO,
		 "%s%s, fixmap top 0x%08x; compat vDSO 0x0 -> 0x%08x (%s image; phdr %u, dyn %u, sym %u, shdr %u), data page 0x%08x",
		 glue->reserved ? "reserved top " : "no top reservation",
		 glue->reserved ? reserved : "", glue->fixmap.top, glue->compat_base,
		 image->name, st->phdr, st->dyn, st->sym, st->shdr, glue->fixmap.data);
}

/*
 * Normal mode maps the image as linked, so nothing is relocated; the same
 * check (with no move) still keeps a malformed image away from every process.
 */
static void install_normal(struct relvdso_glue *glue)
{
	const struct relvdso_image *image = glue->image;

	glue->reloc_err = relvdso_reloc_check(image->data, image->size, 0, 0);
	if (glue->reloc_err != RELVDSO_RELOC_OK) {
		glue_log(glue, RELVDSO_LOG_ERR, "normal vDSO: %s image: %s; vDSO disabled",
			 image->name, relvdso_reloc_strerror(glue->reloc_err));
		disable(glue, RELVDSO_BOOT_BAD_IMAGE);
		return;
	}
	glue_log(glue, RELVDSO_LOG_INFO,
		 "normal vDSO: %s image (%u bytes) linked at 0, mapped per process at a random address",
		 image->name, image->size);
}

/* The sequence after the options are in glue->opts. */
static void boot(struct relvdso_glue *glue)
{
	report_options(glue);
	glue->mode = glue->opts.mode;
	if (glue->mode == RELVDSO_MODE_DISABLED) {
		glue_log(glue, RELVDSO_LOG_INFO,
			 "vDSO disabled by vdso=0; no AT_SYSINFO, system calls use int $0x80");
		disable(glue, RELVDSO_BOOT_DISABLED_BY_OPTION);
		return;
	}

	choose_entry(glue);
	glue->image = relvdso_glue_image(glue->host, glue->choice.entry);
	if (!glue->image || !glue->image->data) {
		glue_log(glue, RELVDSO_LOG_ERR, "no %s image; vDSO disabled",
			 relvdso_entry_name(glue->choice.entry));
		disable(glue, RELVDSO_BOOT_NO_IMAGE);
		return;
	}

	glue->status = RELVDSO_BOOT_OK;
	if (glue->mode == RELVDSO_MODE_COMPAT)
		install_compat(glue);
	else
		install_normal(glue);
}

void relvdso_glue_boot(struct relvdso_glue *glue, const char *cmdline)
{
	if (!glue || !glue->host)
		return;
	relvdso_opts_parse(cmdline, glue->host->build_default, &glue->opts);
	boot(glue);
}

void relvdso_glue_boot_opts(struct relvdso_glue *glue, const struct relvdso_opts *opts)
{
	if (!glue || !glue->host)
		return;
	if (opts)
		glue->opts = *opts;
	else
		relvdso_opts_init(&glue->opts, glue->host->build_default);
	boot(glue);
}
