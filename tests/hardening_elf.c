// SPDX-License-Identifier: GPL-2.0-only
/* Program-header access on a target image; see hardening_elf.h. */
#include "hardening_elf.h"

uint32_t hx_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void hx_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

uint32_t hx_phoff(const struct target_image *t)
{
	return hx_get32(t->data + 28);
}

uint32_t hx_phnum(const struct target_image *t)
{
	return (uint32_t)t->data[44] | (uint32_t)t->data[45] << 8;
}

uint8_t *hx_phdr(struct target_image *t, uint32_t type, unsigned int nth)
{
	for (uint32_t i = 0; i < hx_phnum(t); i++) {
		uint8_t *ph = t->data + hx_phoff(t) + 32 * i;

		if (hx_get32(ph + HX_P_TYPE) == type && nth-- == 0)
			return ph;
	}
	return NULL;
}
