// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vdso=, vdso32= and vdso_entry= on a whole command line, parsed in place.
 * Words split on spaces and tabs only; a word is an option when its text up
 * to the first '=' is exactly an option name ("vdsox=1", "myvdso=2", "novdso"
 * and a bare "vdso" are other people's words).  Quotes are not special.
 */
#include "relvdso/policy.h"
#include "compat_internal.h"

/* Parse @v into @o; on a bad value leave @o as it was. */
typedef enum relvdso_opt_status (*opt_apply_fn)(struct relvdso_span v,
						struct relvdso_opts *o);

static enum relvdso_opt_status apply_mode(struct relvdso_span v, struct relvdso_opts *o)
{
	enum relvdso_mode mode;
	enum relvdso_opt_status st = relvdso_opt_parse_mode_span(v, o->mode, &mode);

	if (st == RELVDSO_OPT_OK) {
		o->mode = mode;
		o->mode_given = true;
	}
	return st;
}

static enum relvdso_opt_status apply_entry(struct relvdso_span v, struct relvdso_opts *o)
{
	enum relvdso_entry_req req;
	enum relvdso_opt_status st = relvdso_opt_parse_entry_span(v, &req);

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
	{ "vdso",       apply_mode },
	{ "vdso32",     apply_mode },	/* alias, as on x86-64 kernels */
	{ "vdso_entry", apply_entry },
};

static bool is_sep(char c)
{
	return c == ' ' || c == '\t';
}

static void warn(struct relvdso_opts *o, const char *option, struct relvdso_span v,
		 enum relvdso_opt_status st)
{
	if (o->nwarnings < RELVDSO_OPT_MAX_WARNINGS) {
		struct relvdso_opt_warning *w = &o->warnings[o->nwarnings++];

		w->option = option;
		w->value = v.p;
		w->value_len = v.len > UINT32_MAX ? UINT32_MAX : (uint32_t)v.len;
		w->status = st;
	}
	if (o->nwarnings_total < UINT32_MAX)
		o->nwarnings_total++;
}

static void parse_word(struct relvdso_span word, struct relvdso_opts *o)
{
	struct relvdso_span name = { word.p, 0 }, value;
	enum relvdso_opt_status st;
	size_t i;

	while (name.len < word.len && word.p[name.len] != '=')
		name.len++;
	if (name.len == word.len)
		return;		/* no '=': not ours */
	value.p = word.p + name.len + 1;
	value.len = word.len - name.len - 1;

	for (i = 0; i < RELVDSO_ARRAY_SIZE(options); i++) {
		if (!relvdso_span_is(name, options[i].name))
			continue;
		st = options[i].apply(value, o);
		if (st != RELVDSO_OPT_OK)
			warn(o, options[i].name, value, st);
		return;
	}
}

static void opts_init(struct relvdso_opts *o, enum relvdso_mode build_default)
{
	size_t i;

	o->mode = relvdso_mode_sane(build_default);
	o->entry = RELVDSO_ENTRY_REQ_AUTO;
	o->mode_given = false;
	o->entry_given = false;
	o->nwarnings = 0;
	o->nwarnings_total = 0;
	for (i = 0; i < RELVDSO_OPT_MAX_WARNINGS; i++) {
		o->warnings[i].option = NULL;
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
	opts_init(opts, build_default);
	while (p && *p) {
		while (is_sep(*p))
			p++;
		word.p = p;
		while (*p && !is_sep(*p))
			p++;
		word.len = (size_t)(p - word.p);
		if (word.len)
			parse_word(word, opts);
	}
}
