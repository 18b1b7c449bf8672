// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Sizes the way the kernel's memparse() reads reservetop=: decimal, 0x hex or
 * leading-0 octal, then at most one K/M/G (either case) and nothing else.
 * Unlike memparse, garbage and overflow are refused rather than truncated;
 * overflow is checked at every digit and at the shift.  *out is written only
 * on success.
 */
#include "relvdso/policy.h"
#include "compat_internal.h"

static const struct size_suffix {
	char c;
	unsigned int shift;
} suffixes[] = {
	{ 'K', 10 }, { 'k', 10 },
	{ 'M', 20 }, { 'm', 20 },
	{ 'G', 30 }, { 'g', 30 },
};

/* 0..15 for a hex digit, 16 for anything else (so "< base" tests a digit). */
static unsigned int digit_value(char c)
{
	unsigned int dec = (unsigned int)(unsigned char)c - '0';
	unsigned int hex = ((unsigned int)(unsigned char)c | 0x20) - 'a';

	if (dec < 10)
		return dec;
	if (hex < 6)
		return hex + 10;
	return 16;
}

/* Skip a 0x prefix; a lone leading 0 stays, it is an octal digit too. */
static unsigned int take_base(const char **s)
{
	if ((*s)[0] != '0')
		return 10;
	if (((*s)[1] | 0x20) != 'x')
		return 8;
	*s += 2;
	return 16;
}

static const struct size_suffix *find_suffix(char c)
{
	size_t i;

	for (i = 0; i < RV_ARRAY_SIZE(suffixes); i++)
		if (suffixes[i].c == c)
			return &suffixes[i];
	return NULL;
}

bool relvdso_opt_parse_size(const char *value, u32 *out)
{
	const char *s = value;
	unsigned int base, d;
	u32 v = 0;

	if (!s)
		return false;
	base = take_base(&s);
	if (digit_value(*s) >= base)
		return false;		/* "", "0x", "M", "-1" */
	for (; (d = digit_value(*s)) < base; s++) {
		if (v > (UINT32_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	if (*s) {
		const struct size_suffix *sfx = find_suffix(*s);

		if (!sfx || s[1] != '\0' || v > (UINT32_MAX >> sfx->shift))
			return false;
		v <<= sfx->shift;
	}
	if (out)
		*out = v;
	return true;
}
