/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * vdso= boot-option policy and fixmap arithmetic (docs/design.md, "The boot-option contract").
 * Freestanding; parsers never write through a NULL pointer and never read
 * past the terminating NUL.
 */
#ifndef RELVDSO_POLICY_H
#define RELVDSO_POLICY_H

#include "types.h"
#include "entry.h"

#ifdef __cplusplus
extern "C" {
#endif

enum relvdso_mode {
	RELVDSO_MODE_DISABLED = 0,	/* no vDSO, no AT_SYSINFO* */
	RELVDSO_MODE_NORMAL = 1,	/* per-process randomized mapping, image at 0 */
	RELVDSO_MODE_COMPAT = 2,	/* fixed mapping at the fixmap slot, relocated */
	RELVDSO_MODE_COUNT
};

const char *relvdso_mode_name(enum relvdso_mode mode);	/* "disabled", "normal", "compat" */

/* Outcome of parsing one option value. */
enum relvdso_opt_status {
	RELVDSO_OPT_OK = 0,
	RELVDSO_OPT_EMPTY,		/* "vdso=" with no value */
	RELVDSO_OPT_UNKNOWN,		/* a value outside the contract */
	RELVDSO_OPT_COUNT
};

const char *relvdso_opt_status_str(enum relvdso_opt_status st);

/*
 * "0|off|disabled", "1|on|enabled", "2|compat", exact and case-sensitive (as
 * the kernel's strcmp); on error *out = @dflt.  A @dflt outside the enum is
 * taken as RELVDSO_MODE_NORMAL here and in relvdso_opts_parse().
 */
enum relvdso_opt_status relvdso_opt_parse_mode(const char *value, enum relvdso_mode dflt,
					       enum relvdso_mode *out);
/* "auto|int80|sysenter|syscall", exact; on error *out = RELVDSO_ENTRY_REQ_AUTO. */
enum relvdso_opt_status relvdso_opt_parse_entry(const char *value,
						enum relvdso_entry_req *out);

/*
 * Sizes as the kernel's memparse() takes them: decimal, 0x hex or 0 octal,
 * with an optional K/M/G suffix (either case).  False on garbage, trailing
 * characters or a value above UINT32_MAX.
 */
bool relvdso_opt_parse_size(const char *value, uint32_t *out);

/* The boot options the parser knows. */
enum relvdso_option {
	RELVDSO_OPTION_NONE = 0,	/* an unused warning slot */
	RELVDSO_OPTION_VDSO,		/* vdso= */
	RELVDSO_OPTION_VDSO32,		/* vdso32=, an alias of vdso= */
	RELVDSO_OPTION_VDSO_ENTRY,	/* vdso_entry= */
	RELVDSO_OPTION_COUNT
};

const char *relvdso_option_name(enum relvdso_option opt);	/* "vdso", ...; "?" for NONE */

/* One warning per option value that was refused. */
struct relvdso_opt_warning {
	enum relvdso_option option;
	const char *value;		/* points into the command line, not NUL-terminated */
	uint32_t value_len;
	enum relvdso_opt_status status;
};

#define RELVDSO_OPT_MAX_WARNINGS 8

struct relvdso_opts {
	enum relvdso_mode mode;		/* result (build default if unset/bad) */
	enum relvdso_entry_req entry;	/* result (auto if unset/bad) */
	bool mode_given;		/* a valid vdso=/vdso32= was seen */
	bool entry_given;		/* a valid vdso_entry= was seen */
	uint32_t nwarnings;		/* warnings recorded (capped) */
	uint32_t nwarnings_total;	/* warnings seen, even past the cap */
	struct relvdso_opt_warning warnings[RELVDSO_OPT_MAX_WARNINGS];
};

/*
 * Defaults before any option: @build_default (taken as normal when outside
 * the enum), entry auto, nothing given, no warnings.  A host that parsed
 * its own options starts here and fills mode/entry and the _given flags.
 */
void relvdso_opts_init(struct relvdso_opts *opts, enum relvdso_mode build_default);

/*
 * Scan a kernel command line for vdso=, vdso32= and vdso_entry=.  Words are
 * separated by spaces/tabs; a word "--" ends the scan (what follows is
 * init's, as in the kernel); other words are ignored; the last valid value of
 * an option wins (as repeated __setup() calls do); a bad value leaves the
 * previous result and records a warning.  @cmdline may be NULL.  Quotes
 * are not special: in vdso="1" the value is "1" with its quotes, refused.
 */
void relvdso_opts_parse(const char *cmdline, enum relvdso_mode build_default,
			struct relvdso_opts *opts);

/*
 * Fixmap rules for where the compat vDSO page lands, named by how they round
 * the new end of the address space (Linux 2.6 pages, Linux 6.1 PMDs).
 */
enum relvdso_fixmap_rule {
	RELVDSO_FIXMAP_PAGE_ROUNDED = 0,	/* top = round_down(-reserve, PAGE) - PAGE */
	RELVDSO_FIXMAP_PMD_ROUNDED,		/* top = round_down(-reserve, PMD) - PAGE */
	RELVDSO_FIXMAP_RULE_COUNT
};

/* "page-rounded", "pmd-rounded"; "?" when out of range. */
const char *relvdso_fixmap_rule_name(enum relvdso_fixmap_rule rule);
/* Look a rule up by exact, case-sensitive name; false if unknown or NULL. */
bool relvdso_fixmap_rule_lookup(const char *name, enum relvdso_fixmap_rule *out);

enum relvdso_fixmap_err {
	RELVDSO_FIXMAP_OK = 0,
	RELVDSO_FIXMAP_E_RULE,		/* unknown rule */
	RELVDSO_FIXMAP_E_TOO_BIG,	/* reservation reaches below the floor */
	RELVDSO_FIXMAP_E_INVAL,		/* NULL cfg or out */
	RELVDSO_FIXMAP_E_COUNT
};

struct relvdso_fixmap_cfg {
	enum relvdso_fixmap_rule rule;
	bool pae;			/* PMD rule: PMD is 2 MiB with PAE, 4 MiB without */
	uint32_t floor;			/* lowest address the data page may take */
};

struct relvdso_fixmap {
	uint32_t top;			/* __FIXADDR_TOP */
	uint32_t vdso;			/* the compat vDSO page: one page under top */
	uint32_t data;			/* its data pages, right under it (vdso_data.h) */
};

const char *relvdso_fixmap_strerror(enum relvdso_fixmap_err err);

/*
 * Where the fixmap (and the compat vDSO page) land for @reserve bytes
 * reserved.  The page rule rounds @reserve up to a page so the page stays
 * aligned.  E_TOO_BIG when the result would wrap below 0 or put the vDSO
 * page or its data pages under cfg->floor.  On any error *out (if not NULL) is zeroed.
 */
enum relvdso_fixmap_err relvdso_fixmap_compute(const struct relvdso_fixmap_cfg *cfg,
					       uint32_t reserve, struct relvdso_fixmap *out);

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_POLICY_H */
