// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vdso=, vdso32= and vdso_entry= on a whole command line, parsed in place.
 * Words split on spaces and tabs only; a word is an option when its text up
 * to the first '=' is exactly an option name ("vdsox=1", "myvdso=2", "novdso"
 * and a bare "vdso" are other people's words).  Quotes are not special.
 * A word that is exactly "--" ends the kernel's options: what follows is
 * init's (Linux's parse_args() stops there too).
 */
#include "relvdso/policy.h"
#include "compat_internal.h"

/* Parse @v into @o; on a bad value leave @o as it was. */
typedef enum relvdso_opt_status (*opt_apply_fn)(struct relvdso_span v,
						struct relvdso_opts *o);

static enum relvdso_opt_status apply_mode(struct relvdso_span v, struct relvdso_opts *o)
{
	enum relvdso_mode mode;
	enum relvdso_opt_status st = rv_opt_parse_mode_span(v, o->mode, &mode);

	if (st == RELVDSO_OPT_OK) {
		o->mode = mode;
		o->mode_given = true;
	}
	return st;
}

static enum relvdso_opt_status apply_entry(struct relvdso_span v, struct relvdso_opts *o)
{
	enum relvdso_entry_req req;
	enum relvdso_opt_status st = rv_opt_parse_entry_span(v, &req);

	if (st == RELVDSO_OPT_OK) {
		o->entry = req;
		o->entry_given = true;
	}
	return st;
}

static const struct opt_desc {
	const char *name;
	opt_apply_fn apply;
} options[] = {
	[RELVDSO_OPTION_NONE]       = { NULL, NULL },
	[RELVDSO_OPTION_VDSO]       = { "vdso", apply_mode },
	[RELVDSO_OPTION_VDSO32]     = { "vdso32", apply_mode },	/* alias, as on x86-64 kernels */
	[RELVDSO_OPTION_VDSO_ENTRY] = { "vdso_entry", apply_entry },
};

static_assert(RV_ARRAY_SIZE(options) == RELVDSO_OPTION_COUNT, "one row per option");

const char *relvdso_option_name(enum relvdso_option opt)
{
	return (unsigned int)opt < RELVDSO_OPTION_COUNT && options[opt].name ?
	       options[opt].name : "?";
}

static bool is_sep(char c)
{
	return c == ' ' || c == '\t';
}

static void warn(struct relvdso_opts *o, enum relvdso_option option, struct relvdso_span v,
		 enum relvdso_opt_status st)
{
	if (o->nwarnings < RELVDSO_OPT_MAX_WARNINGS) {
		struct relvdso_opt_warning *w = &o->warnings[o->nwarnings++];

		w->option = option;
		w->value = v.p;
		w->value_len = v.len > UINT32_MAX ? UINT32_MAX : (u32)v.len;
		w->status = st;
	}
	if (o->nwarnings_total < UINT32_MAX)
		o->nwarnings_total++;
}

static void parse_word(struct relvdso_span word, struct relvdso_opts *o)
{
	struct relvdso_span name = { word.p, 0 }, value;
	enum relvdso_opt_status st;
	unsigned int i;

	while (name.len < word.len && word.p[name.len] != '=')
		name.len++;
	if (name.len == word.len)
		return;		/* no '=': not ours */
	value.p = word.p + name.len + 1;
	value.len = word.len - name.len - 1;

	for (i = RELVDSO_OPTION_NONE + 1; i < RELVDSO_OPTION_COUNT; i++) {
		if (!rv_span_is(name.p, name.len, options[i].name))
			continue;
		st = options[i].apply(value, o);
		if (st != RELVDSO_OPT_OK)
			warn(o, (enum relvdso_option)i, value, st);
		return;
	}
}

void relvdso_opts_init(struct relvdso_opts *o, enum relvdso_mode build_default)
{
	size_t i;

	if (!o)
		return;
	o->mode = relvdso_mode_sane(build_default);
	o->entry = RELVDSO_ENTRY_REQ_AUTO;
	o->mode_given = false;
	o->entry_given = false;
	o->nwarnings = 0;
	o->nwarnings_total = 0;
	for (i = 0; i < RELVDSO_OPT_MAX_WARNINGS; i++) {
		o->warnings[i].option = RELVDSO_OPTION_NONE;
		o->warnings[i].value = NULL;
		o->warnings[i].value_len = 0;
		o->warnings[i].status = RELVDSO_OPT_OK;
	}
}

void relvdso_opts_parse(const char *cmdline, enum relvdso_mode build_default,
			struct relvdso_opts *opts)
{
	const char *p = cmdline;
	struct relvdso_span word;

	if (!opts)
		return;
	relvdso_opts_init(opts, build_default);
	while (p && *p) {
		while (is_sep(*p))
			p++;
		word.p = p;
		while (*p && !is_sep(*p))
			p++;
		word.len = (size_t)(p - word.p);
		if (rv_span_is(word.p, word.len, "--"))
			return;		/* the rest belongs to init, as in the kernel */
		if (word.len)
			parse_word(word, opts);
	}
}
