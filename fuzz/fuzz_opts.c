// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the boot-option parser (compat/).
 *
 * Input: byte 0 picks the build default (any value: out-of-range ones must
 * be taken as normal), the rest is the command line, cut at its first NUL
 * and copied into an exact-size heap buffer so ASan reports any read past
 * the terminator.  The same string also goes to relvdso_opt_parse_mode,
 * _entry and _size whole.
 *
 * Every result is compared with a mini-oracle written here from the
 * contract in include/relvdso/policy.h (words split on space/tab; a word
 * "--" ends the options; name up
 * to the first '=' exactly vdso, vdso32 or vdso_entry; exact value words;
 * the last valid value wins; a bad one warns and keeps the previous result)
 * - it shares no code with compat/.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <relvdso/policy.h>

#include "fuzz_util.h"

/* ---- the oracle --------------------------------------------------------- */

static const char *const mode_words[RELVDSO_MODE_COUNT][3] = {
	[RELVDSO_MODE_DISABLED] = { "0", "off", "disabled" },
	[RELVDSO_MODE_NORMAL]   = { "1", "on", "enabled" },
	[RELVDSO_MODE_COMPAT]   = { "2", "compat", NULL },
};
static const char *const entry_words[RELVDSO_ENTRY_REQ_COUNT] = {
	"auto", "int80", "sysenter", "syscall",
};

static bool same(const char *p, size_t len, const char *word)
{
	return word && strlen(word) == len && !memcmp(p, word, len);
}

/* -1 if @p/@len is no mode word */
static int oracle_mode(const char *p, size_t len)
{
	for (int m = 0; m < RELVDSO_MODE_COUNT; m++)
		for (int k = 0; k < 3; k++)
			if (same(p, len, mode_words[m][k]))
				return m;
	return -1;
}

static int oracle_entry(const char *p, size_t len)
{
	for (int e = 0; e < RELVDSO_ENTRY_REQ_COUNT; e++)
		if (same(p, len, entry_words[e]))
			return e;
	return -1;
}

struct oracle_warning {
	const char *option, *value;
	size_t len;
	enum relvdso_opt_status status;
};

struct oracle {
	int mode, entry;
	bool mode_given, entry_given;
	uint32_t total;
	struct oracle_warning w[RELVDSO_OPT_MAX_WARNINGS];
};

static void oracle_word(struct oracle *o, const char *w, size_t len)
{
	const char *eq = memchr(w, '=', len);
	const char *opt, *val;
	size_t name_len, val_len;
	int found;
	bool is_entry;

	if (!eq)
		return;
	name_len = (size_t)(eq - w);
	val = eq + 1;
	val_len = len - name_len - 1;
	if (same(w, name_len, "vdso") || same(w, name_len, "vdso32")) {
		opt = name_len == 4 ? "vdso" : "vdso32";
		is_entry = false;
	} else if (same(w, name_len, "vdso_entry")) {
		opt = "vdso_entry";
		is_entry = true;
	} else {
		return;
	}
	found = is_entry ? oracle_entry(val, val_len) : oracle_mode(val, val_len);
	if (found >= 0) {
		if (is_entry) {
			o->entry = found;
			o->entry_given = true;
		} else {
			o->mode = found;
			o->mode_given = true;
		}
		return;
	}
	if (o->total < RELVDSO_OPT_MAX_WARNINGS)
		o->w[o->total] = (struct oracle_warning){
			opt, val, val_len, val_len ? RELVDSO_OPT_UNKNOWN : RELVDSO_OPT_EMPTY };
	o->total++;
}

static void oracle_parse(struct oracle *o, const char *s, unsigned int dflt)
{
	size_t i = 0, n = strlen(s);

	memset(o, 0, sizeof(*o));
	o->mode = dflt < RELVDSO_MODE_COUNT ? (int)dflt : RELVDSO_MODE_NORMAL;
	o->entry = RELVDSO_ENTRY_REQ_AUTO;
	while (i < n) {
		size_t start;

		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		for (start = i; i < n && s[i] != ' ' && s[i] != '\t'; i++)
			;
		if (same(s + start, i - start, "--"))
			break;
		oracle_word(o, s + start, i - start);
	}
}

/* memparse-like, written independently: a 64-bit accumulator, then a range check. */
static bool oracle_size(const char *s, uint32_t *out)
{
	unsigned int base = 10, digits = 0;
	uint64_t v = 0;
	bool overflow = false;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++, digits++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
		if (v > UINT32_MAX) {
			overflow = true;
			v = UINT32_MAX + (uint64_t)1;	/* stays above the limit */
		}
	}
	if (!digits || overflow)
		return false;
	if (*s) {
		const char *units = "KkMmGg", *u = strchr(units, *s);

		if (!u || s[1])
			return false;
		v <<= 10 * (1 + (u - units) / 2);
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

/* ---- the checks --------------------------------------------------------- */

static void check_cmdline(const char *s, unsigned int dflt)
{
	size_t n = strlen(s);
	struct relvdso_opts opts;
	struct oracle o;
	uint32_t i;

	memset(&opts, 0x5a, sizeof(opts));
	relvdso_opts_parse(s, (enum relvdso_mode)dflt, &opts);
	oracle_parse(&o, s, dflt);

	FUZZ_ASSERT((unsigned int)opts.mode < RELVDSO_MODE_COUNT, "mode %d", opts.mode);
	FUZZ_ASSERT((unsigned int)opts.entry < RELVDSO_ENTRY_REQ_COUNT, "entry %d", opts.entry);
	FUZZ_ASSERT((int)opts.mode == o.mode && opts.mode_given == o.mode_given,
		    "mode %d given %d, oracle %d given %d", opts.mode, opts.mode_given,
		    o.mode, o.mode_given);
	FUZZ_ASSERT((int)opts.entry == o.entry && opts.entry_given == o.entry_given,
		    "entry %d given %d, oracle %d given %d", opts.entry, opts.entry_given,
		    o.entry, o.entry_given);
	FUZZ_ASSERT(opts.nwarnings_total == o.total, "%u warnings, oracle %u",
		    opts.nwarnings_total, o.total);
	FUZZ_ASSERT(opts.nwarnings == (o.total < RELVDSO_OPT_MAX_WARNINGS ?
				       o.total : RELVDSO_OPT_MAX_WARNINGS),
		    "%u warnings recorded of %u", opts.nwarnings, o.total);
	for (i = 0; i < opts.nwarnings; i++) {
		const struct relvdso_opt_warning *w = &opts.warnings[i];

		FUZZ_ASSERT(w->value >= s && w->value <= s + n &&
			    w->value_len <= (size_t)(s + n - w->value),
			    "warning %u: value outside the input", i);
		FUZZ_ASSERT(w->option != RELVDSO_OPTION_NONE &&
			    !strcmp(relvdso_option_name(w->option), o.w[i].option),
			    "warning %u: option %s, oracle %s", i,
			    relvdso_option_name(w->option), o.w[i].option);
		FUZZ_ASSERT(w->value == o.w[i].value && w->value_len == o.w[i].len &&
			    w->status == o.w[i].status,
			    "warning %u: value +%td len %u status %d, oracle +%td len %zu status %d",
			    i, w->value - s, w->value_len, w->status, o.w[i].value - s,
			    o.w[i].len, o.w[i].status);
		FUZZ_ASSERT(relvdso_opt_status_str(w->status) != NULL, "no status string");
	}
}

static void check_values(const char *s, unsigned int dflt)
{
	size_t n = strlen(s);
	int want_mode = oracle_mode(s, n), want_entry = oracle_entry(s, n);
	int sane = dflt < RELVDSO_MODE_COUNT ? (int)dflt : RELVDSO_MODE_NORMAL;
	enum relvdso_opt_status st, want_bad = n ? RELVDSO_OPT_UNKNOWN : RELVDSO_OPT_EMPTY;
	enum relvdso_mode mode;
	enum relvdso_entry_req entry;
	uint32_t size = 0xdeadbeef, want_size = 0;
	bool ok, want_ok;

	st = relvdso_opt_parse_mode(s, (enum relvdso_mode)dflt, &mode);
	FUZZ_ASSERT(st == (want_mode >= 0 ? RELVDSO_OPT_OK : want_bad), "mode status %d", st);
	FUZZ_ASSERT((int)mode == (want_mode >= 0 ? want_mode : sane), "mode %d", mode);

	st = relvdso_opt_parse_entry(s, &entry);
	FUZZ_ASSERT(st == (want_entry >= 0 ? RELVDSO_OPT_OK : want_bad), "entry status %d", st);
	FUZZ_ASSERT((int)entry == (want_entry >= 0 ? want_entry : RELVDSO_ENTRY_REQ_AUTO),
		    "entry %d", entry);

	ok = relvdso_opt_parse_size(s, &size);
	want_ok = oracle_size(s, &want_size);
	FUZZ_ASSERT(ok == want_ok, "size \"%s\": parser %d, oracle %d", s, ok, want_ok);
	FUZZ_ASSERT(ok ? size == want_size : size == 0xdeadbeef,
		    "size \"%s\": 0x%x, oracle 0x%x", s, size, want_size);
	FUZZ_ASSERT(relvdso_opt_parse_size(s, NULL) == ok, "size with a NULL out");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const uint8_t *nul;
	size_t n;
	char *s;
	unsigned int dflt;

	if (len < 1)
		return -1;
	dflt = data[0] < 0xf0 ? data[0] % RELVDSO_MODE_COUNT : data[0];
	data++;
	len--;
	nul = memchr(data, '\0', len);
	n = nul ? (size_t)(nul - data) : len;
	s = malloc(n + 1);
	FUZZ_ASSERT(s, "out of memory");
	memcpy(s, data, n);
	s[n] = '\0';
	check_cmdline(s, dflt);
	check_values(s, dflt);
	free(s);
	return 0;
}
