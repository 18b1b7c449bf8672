// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Freestanding log-line formatter.  The glue must log from a kernel, the
 * runner and the tests alike, so it cannot lean on any printf.
 */
#include "relvdso/fmt.h"
#include "relvdso/internal/util.h"

struct fmt_out {
	char *buf;
	u32 size;
	u32 len;		/* characters produced, even past size */
};

static void fmt_putc(struct fmt_out *o, char c)
{
	if (o->size && o->len < o->size - 1)
		o->buf[o->len] = c;
	o->len++;
}

static void fmt_puts(struct fmt_out *o, const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		fmt_putc(o, *s++);
}

static void fmt_number(struct fmt_out *o, u32 v, u32 radix,
		       u32 width, char pad)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[32];
	u32 n = 0;

	do {
		tmp[n++] = digits[v % radix];
		v /= radix;
	} while (v);
	for (; width > n; width--)
		fmt_putc(o, pad);
	while (n)
		fmt_putc(o, tmp[--n]);
}

u32 relvdso_vfmt(char *buf, u32 size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };

	for (; fmt && *fmt; fmt++) {
		char pad = ' ';
		u32 width = 0;

		if (*fmt != '%') {
			fmt_putc(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9' && width < 20)
			width = width * 10 + (u32)(*fmt++ - '0');
		switch (*fmt) {
		case 's':
			fmt_puts(&o, va_arg(ap, const char *));
			break;
		case 'c':
			fmt_putc(&o, (char)va_arg(ap, int));
			break;
		case 'u':
			fmt_number(&o, va_arg(ap, unsigned int), 10, width, pad);
			break;
		case 'd': {
			int v = va_arg(ap, int);

			if (v < 0) {
				fmt_putc(&o, '-');
				fmt_number(&o, 0u - (u32)v, 10, width, pad);
			} else {
				fmt_number(&o, (u32)v, 10, width, pad);
			}
			break;
		}
		case 'x':
			fmt_number(&o, va_arg(ap, unsigned int), 16, width, pad);
			break;
		case '%':
			fmt_putc(&o, '%');
			break;
		default:	/* unknown or truncated directive: show it */
			fmt_putc(&o, '%');
			if (!*fmt)
				goto out;
			fmt_putc(&o, *fmt);
			break;
		}
	}
out:
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

u32 relvdso_fmt(char *buf, u32 size, const char *fmt, ...)
{
	va_list ap;
	u32 n;

	va_start(ap, fmt);
	n = relvdso_vfmt(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

u32 relvdso_fmt_size(char *buf, u32 size, u32 bytes)
{
	static const struct { u32 shift; char suffix; } units[] = {
		{ 30, 'G' }, { 20, 'M' }, { 10, 'K' },
	};
	u32 i;

	for (i = 0; i < RV_ARRAY_SIZE(units); i++) {
		u32 unit = 1u << units[i].shift;

		if (bytes && bytes % unit == 0)
			return relvdso_fmt(buf, size, "%u%c", bytes / unit, units[i].suffix);
	}
	return relvdso_fmt(buf, size, "%u", bytes);
}
