// SPDX-License-Identifier: GPL-2.0-only
/*
 * relvdso-boot: run the glue's boot sequence against a simulated host and
 * print the kernel log it produces and the decisions it took.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relvdso/glue.h"

#include "file_io.h"
#include "tool_cli.h"

#define CMDLINE_MAX	1024

/* Help text; %s are the name lists, which come from the core's tables. */
static const char usage_fmt[] =
"usage: relvdso-boot [OPTIONS]\n"
"Run relvdso's boot sequence on a simulated host; print the log and the decisions.\n"
"\n"
"  --vdso=VALUE        boot option vdso= (0|off|disabled, 1|on|enabled, 2|compat)\n"
"  --vdso32=VALUE      boot option vdso32= (alias of vdso=)\n"
"  --entry=VALUE       boot option vdso_entry= (auto|int80|sysenter|syscall)\n"
"  --cmdline=STRING    more kernel command line (scanned like the real one)\n"
"  --reservetop=SIZE   call reserve_top_address(SIZE) first (e.g. 64M, 0x4000000)\n"
"  --backend=NAME      paravirt backend: %s (default %s)\n"
"  --cpu=MODEL         intel, amd, ppro (SEP erratum) or nosep (default intel)\n"
"  --host=KIND         host kernel: %s (default %s)\n"
"  --rule=RULE         fixmap rule: %s (default %s)\n"
"                      (how the top is rounded: Linux 2.6 a page, 6.1 a PMD)\n"
"  --pae               PAE kernel (a PMD is 2 MiB instead of 4 MiB)\n"
"  --default=MODE      build default mode: normal (default) or compat\n"
"  --random-base=ADDR  normal mode: the per-process address to report\n"
"  --dump-image=FILE   write the image as installed (relocated in compat mode)\n"
"  --print-expect      print only what a guest must see, one KEY=VALUE a line:\n"
"                      mode (after boot), requested (the mode vdso= asked for),\n"
"                      entry (the chooser's method for these options, also when\n"
"                      the vDSO ends up disabled), compat_base and fixmap_top\n"
"                      (where the rule puts them, also outside compat mode;\n"
"                      \"none\" when the reservation leaves no room), sep (1 when\n"
"                      the CPU has SEP and the backend takes fast entries)\n"
"  --list-backends     print the backend table, \"NAME FAST\" a row (FAST 1:\n"
"                      sysenter/syscall reach the kernel, 0: int80 only)\n"
"  -h, --help          this text\n"
"  --version           print the version\n"
"\n"
"Options are passed through the same parser a kernel uses, so a bad vdso=\n"
"value gives the kernel's warning, not a usage error.  Exit status: 0 the\n"
"boot ran (even if it disabled the vDSO), 1 --dump-image could not be\n"
"written, 2 bad usage.\n";

#define NAMES_MAX	128

static const char *backend_at(unsigned int i) { return relvdso_backend_name((enum relvdso_backend)i); }
static const char *host_at(unsigned int i) { return relvdso_host_name((enum relvdso_host_kind)i); }
static const char *rule_at(unsigned int i) { return relvdso_fixmap_rule_name((enum relvdso_fixmap_rule)i); }

/* "a, b, c": name(0) .. name(n - 1) of one of the core's tables. */
static const char *join(char *buf, size_t size, const char *(*name)(unsigned int), unsigned int n)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name(i));
	return buf;
}

static void usage(FILE *f)
{
	char backends[NAMES_MAX], hosts[NAMES_MAX], rules[NAMES_MAX];

	fprintf(f, usage_fmt,
		join(backends, sizeof(backends), backend_at, RELVDSO_BACKEND_COUNT),
		relvdso_backend_name(RELVDSO_BACKEND_NATIVE),
		join(hosts, sizeof(hosts), host_at, RELVDSO_HOST_COUNT),
		relvdso_host_name(RELVDSO_HOST_I386),
		join(rules, sizeof(rules), rule_at, RELVDSO_FIXMAP_RULE_COUNT),
		relvdso_fixmap_rule_name(RELVDSO_FIXMAP_PMD_ROUNDED));
}

struct cpu_model {
	const char *name;
	uint32_t caps;
};

/* What each simulated CPU offers; see include/relvdso/entry.h. */
static const struct cpu_model cpu_models[] = {
	{ "intel", RELVDSO_CPU_SEP | RELVDSO_CPU_SYSENTER32 },
	{ "amd",   RELVDSO_CPU_SEP | RELVDSO_CPU_SYSCALL32 },
	{ "ppro",  RELVDSO_CPU_SEP | RELVDSO_CPU_SEP_ERRATUM },
	{ "nosep", 0 },
};

/* Lowest address the compat page may take: the kernel half of a 3G/1G split. */
#define SIM_FIXMAP_FLOOR	0xc0000000u

/* the facts table's page budget: the largest image the glue may copy here */
static uint8_t compat_page[RELVDSO_VDSO_MAX_PAGES * RELVDSO_PAGE_SIZE] __attribute__((aligned(4096)));

static void log_line(void *ctx, enum relvdso_log_level level, const char *line)
{
	static const char *const prefix[] = { "", "warning: ", "error: " };

	(void)ctx;
	printf("%s%s\n", (unsigned)level < 3 ? prefix[level] : "", line);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "relvdso-boot: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr);
	return TOOL_EXIT_USAGE;
}

static bool parse_addr(const char *s, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > 0xffffffffull)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool append(char *cmdline, const char *key, const char *value)
{
	size_t used = strlen(cmdline);
	int n = snprintf(cmdline + used, CMDLINE_MAX - used, "%s%s%s",
			 used ? " " : "", key, value);

	return n >= 0 && (size_t)n < CMDLINE_MAX - used;
}

static int dump_image(const char *path, const struct relvdso_exec *ex,
		      const struct relvdso_glue *glue)
{
	uint32_t size = glue->image ? glue->image->size : 0;

	if (!ex->present) {
		fprintf(stderr, "relvdso-boot: --dump-image: the vDSO is disabled, nothing to write\n");
		return 1;
	}
	if (!file_write_atomic("relvdso-boot", path, ex->pages, size, 0666, NULL, NULL))
		return 1;
	printf("image written to %s (%u bytes)\n", path, size);
	return 0;
}

static void print_decisions(const struct relvdso_glue *glue, const struct relvdso_exec *ex,
			    bool random_given)
{
	const struct relvdso_image *im = glue->image;

	printf("\ndecisions:\n");
	printf("  mode            %s\n", relvdso_mode_name(glue->mode));
	printf("  status          %s\n", relvdso_boot_status_str(glue->status));
	if (!ex->present) {
		printf("  auxv            no AT_SYSINFO, no AT_SYSINFO_EHDR (int $0x80)\n");
		return;
	}
	printf("  entry           %s%s\n", relvdso_entry_name(glue->choice.entry),
	       glue->choice.fell_back ? " (override refused)" :
	       glue->choice.overridden ? " (override)" : " (auto)");
	printf("  image           %s, %u bytes, %u mapped\n", im->name, im->size, ex->map_size);
	if (ex->fixed) {
		printf("  fixmap top      0x%08x\n", glue->fixmap.top);
		printf("  vdso base       0x%08x (fixed, prelinked)\n", ex->base);
	} else if (random_given) {
		printf("  vdso base       0x%08x (per process; image linked at 0)\n", ex->base);
	} else {
		printf("  vdso base       per-process random R (image linked at 0)\n");
		printf("  AT_SYSINFO_EHDR R\n");
		printf("  AT_SYSINFO      R + 0x%x (__kernel_vsyscall)\n", im->sym_vsyscall);
		printf("  landing pad     R + 0x%x\n", im->sym_landing_pad);
		return;
	}
	printf("  AT_SYSINFO_EHDR 0x%08x\n", ex->at_sysinfo_ehdr);
	printf("  AT_SYSINFO      0x%08x (__kernel_vsyscall)\n", ex->at_sysinfo);
	printf("  landing pad     0x%08x\n", ex->landing_pad);
	printf("  sigreturn       0x%08x, rt_sigreturn 0x%08x\n", ex->sigreturn, ex->rt_sigreturn);
}

/*
 * --print-expect: the facts a test of a real host checks, from the same
 * core calls the boot makes, also for the values a disabled vDSO never
 * computes.
 */
static void print_expect(const struct relvdso_glue *glue)
{
	const struct relvdso_host *host = glue->host;
	struct relvdso_entry_choice choice =
		relvdso_entry_choose(host->cpu_caps, host->kind, glue->backend, glue->opts.entry);
	struct relvdso_fixmap fm;
	bool room = relvdso_fixmap_compute(&host->fixmap, glue->reserved, &fm) == RELVDSO_FIXMAP_OK;

	printf("mode=%s\n", relvdso_mode_name(glue->mode));
	printf("requested=%s\n", relvdso_mode_name(glue->opts.mode));
	printf("entry=%s\n", relvdso_entry_name(choice.entry));
	if (room)
		printf("compat_base=0x%08x\nfixmap_top=0x%08x\n", fm.vdso, fm.top);
	else
		printf("compat_base=none\nfixmap_top=none\n");
	printf("sep=%d\n", (host->cpu_caps & RELVDSO_CPU_SEP) && relvdso_backend_fast(glue->backend));
}

int main(int argc, char **argv)
{
	enum { O_VDSO = 256, O_VDSO32, O_ENTRY, O_CMDLINE, O_RESERVE, O_BACKEND, O_CPU,
	       O_HOST, O_RULE, O_PAE, O_DEFAULT, O_RANDOM, O_DUMP, O_EXPECT, O_BACKENDS };
	static const struct option longopts[] = {
		{ "vdso", required_argument, 0, O_VDSO },
		{ "vdso32", required_argument, 0, O_VDSO32 },
		{ "entry", required_argument, 0, O_ENTRY },
		{ "cmdline", required_argument, 0, O_CMDLINE },
		{ "reservetop", required_argument, 0, O_RESERVE },
		{ "backend", required_argument, 0, O_BACKEND },
		{ "cpu", required_argument, 0, O_CPU },
		{ "host", required_argument, 0, O_HOST },
		{ "rule", required_argument, 0, O_RULE },
		{ "pae", no_argument, 0, O_PAE },
		{ "default", required_argument, 0, O_DEFAULT },
		{ "random-base", required_argument, 0, O_RANDOM },
		{ "dump-image", required_argument, 0, O_DUMP },
		{ "print-expect", no_argument, 0, O_EXPECT },
		{ "list-backends", no_argument, 0, O_BACKENDS },
		TOOL_CLI_OPTIONS,
		{ 0, 0, 0, 0 }
	};
	static const enum relvdso_mode default_modes[] = { RELVDSO_MODE_NORMAL, RELVDSO_MODE_COMPAT };
	static char cmdline[CMDLINE_MAX];
	struct relvdso_host host = {
		.kind = RELVDSO_HOST_I386,
		.cpu_caps = cpu_models[0].caps,
		.fixmap = { .rule = RELVDSO_FIXMAP_PMD_ROUNDED, .pae = false, .floor = SIM_FIXMAP_FLOOR },
		.build_default = RELVDSO_MODE_NORMAL,
		.compat_page = compat_page,
		.compat_page_size = sizeof(compat_page),
		.log = log_line,
	};
	enum relvdso_backend backend = RELVDSO_BACKEND_NATIVE;
	bool have_reserve = false, random_given = false, expect = false;
	uint32_t reserve = 0, random_base = 0;
	const char *dump = NULL;
	struct relvdso_glue glue;
	struct relvdso_exec ex;
	int c, i;

	tool_cli_init(argv, "relvdso-boot");
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		bool ok = true;

		switch (c) {
		case 'h':
			usage(stdout);
			return TOOL_EXIT_OK;
		case TOOL_CLI_VERSION:
			return tool_cli_version();
		case O_VDSO:	ok = append(cmdline, "vdso=", optarg); break;
		case O_VDSO32:	ok = append(cmdline, "vdso32=", optarg); break;
		case O_ENTRY:	ok = append(cmdline, "vdso_entry=", optarg); break;
		case O_CMDLINE:	ok = append(cmdline, "", optarg); break;
		case O_RESERVE:
			if (!relvdso_opt_parse_size(optarg, &reserve))
				return usage_error("bad --reservetop size '%s'", optarg);
			have_reserve = true;
			break;
		case O_BACKEND:
			if (!relvdso_backend_lookup(optarg, &backend))
				return usage_error("unknown backend '%s'", optarg);
			break;
		case O_CPU:
			for (i = 0; i < (int)(sizeof(cpu_models) / sizeof(cpu_models[0])); i++)
				if (strcmp(cpu_models[i].name, optarg) == 0)
					break;
			if (i == (int)(sizeof(cpu_models) / sizeof(cpu_models[0])))
				return usage_error("unknown cpu model '%s'", optarg);
			host.cpu_caps = cpu_models[i].caps;
			break;
		case O_HOST:
			if (!relvdso_host_lookup(optarg, &host.kind))
				return usage_error("unknown host kind '%s'", optarg);
			break;
		case O_RULE:
			if (!relvdso_fixmap_rule_lookup(optarg, &host.fixmap.rule))
				return usage_error("unknown fixmap rule '%s'", optarg);
			break;
		case O_PAE:
			host.fixmap.pae = true;
			break;
		case O_DEFAULT:
			for (i = 0; i < (int)(sizeof(default_modes) / sizeof(default_modes[0])); i++)
				if (strcmp(relvdso_mode_name(default_modes[i]), optarg) == 0)
					break;
			if (i == (int)(sizeof(default_modes) / sizeof(default_modes[0])))
				return usage_error("unknown default mode '%s'", optarg);
			host.build_default = default_modes[i];
			break;
		case O_RANDOM:
			if (!parse_addr(optarg, &random_base) || random_base % RELVDSO_PAGE_SIZE)
				return usage_error("bad --random-base '%s' (a page-aligned address)", optarg);
			random_given = true;
			break;
		case O_DUMP:
			dump = optarg;
			break;
		case O_EXPECT:
			expect = true;
			break;
		case O_BACKENDS:
			for (i = 0; i < RELVDSO_BACKEND_COUNT; i++)
				printf("%s %d\n", relvdso_backend_name((enum relvdso_backend)i),
				       relvdso_backend_fast((enum relvdso_backend)i));
			return 0;
		default:
			usage(stderr);
			return TOOL_EXIT_USAGE;
		}
		if (!ok)
			return usage_error("command line too long at '%s'", optarg);
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);

	if (expect)
		host.log = NULL;
	else
		printf("simulated host: %s kernel, cpu caps 0x%x, fixmap rule %s%s\ncommand line: %s\n\n",
		       relvdso_host_name(host.kind), host.cpu_caps,
		       relvdso_fixmap_rule_name(host.fixmap.rule), host.fixmap.pae ? " (PAE)" : "",
		       cmdline[0] ? cmdline : "(empty)");

	relvdso_glue_init(&glue, &host);
	if (have_reserve)
		relvdso_glue_reserve_top(&glue, reserve);
	if (backend != RELVDSO_BACKEND_NATIVE)
		relvdso_glue_set_backend(&glue, backend);
	relvdso_glue_boot(&glue, cmdline);
	relvdso_glue_exec(&glue, random_base, &ex);
	if (expect)
		print_expect(&glue);
	else
		print_decisions(&glue, &ex, random_given);
	return dump ? dump_image(dump, &ex, &glue) : 0;
}
