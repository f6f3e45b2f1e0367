/* cmdline.c: parsing the kernel command line into struct boot_options.
 * Pure logic: also compiled into the host unit tests. */
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/string.h"

struct boot_options boot_options;
static char copy[CMDLINE_MAX];

int64_t cmdline_parse_size(const char *s)
{
    if (*s < '0' || *s > '9')
        return -1;
    int64_t n = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        n = n * 10 + (*s - '0');
        if (n > ((int64_t)1 << 40))
            return -1;
    }
    switch (*s) {
    case 'K': case 'k': n <<= 10; s++; break;
    case 'M': case 'm': n <<= 20; s++; break;
    case 'G': case 'g': n <<= 30; s++; break;
    }
    return *s ? -1 : n;
}

/* Sets the trace bits named in a comma-separated list (`all` for every
 * class); reports unknown names and keeps the rest. */
static void parse_trace(const char *list, struct boot_options *opt)
{
    while (*list) {
        const char *end = strchr(list, ',');
        int len = end ? (int)(end - list) : (int)strlen(list);
        unsigned bit = len == 3 && !strncmp(list, "all", 3) ? TRACE_ALL
                                                             : trace_class_from_name(list, len);
        if (bit)
            opt->trace |= bit;
        else if (len > 0) {
            printk("cmdline: unknown trace class '%.*s' ignored\n", len, list);
            opt->unknown++;
        }
        list += len + (end ? 1 : 0);
    }
}

static void report_unknown(const char *word, struct boot_options *opt)
{
    printk("cmdline: unknown option '%s' ignored\n", word);
    opt->unknown++;
}

/* Applies one "name=value" or "flag" word. */
static void parse_option(char *word, struct boot_options *opt)
{
    char *eq = strchr(word, '=');
    const char *value = eq ? eq + 1 : 0;
    if (eq)
        *eq = '\0';

    if (!strcmp(word, "quiet") && !value) {
        opt->quiet = true;
    } else if (!strcmp(word, "init") && value && *value) {
        opt->init = value;
    } else if (!strcmp(word, "mem") && value) {
        int64_t n = cmdline_parse_size(value);
        if (n <= 0) {
            printk("cmdline: bad size in 'mem=%s' ignored\n", value);
            opt->unknown++;
        } else {
            opt->mem_limit = (uint64_t)n;
        }
    } else if (!strcmp(word, "tmpfs_size") && value) {
        int64_t n = cmdline_parse_size(value);
        if (n < 4096) {
            printk("cmdline: bad size in 'tmpfs_size=%s' ignored\n", value);
            opt->unknown++;
        } else {
            opt->tmpfs_size = (uint64_t)n;
        }
    } else if (!strcmp(word, "swap") && value && (!strcmp(value, "off") || !strcmp(value, "on"))) {
        opt->swap_off = !strcmp(value, "off");
    } else if (!strcmp(word, "trace") && value) {
        parse_trace(value, opt);
    } else if (!strcmp(word, "ktest") && value && *value) {
        opt->ktest = value;
    } else {
        if (eq)
            *eq = '=';
        report_unknown(word, opt);
    }
}

void cmdline_parse(const char *cmdline, struct boot_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->init = "/bin/sh";
    if (!cmdline)
        return;

    size_t len = strlen(cmdline);
    if (len >= sizeof copy)
        len = sizeof copy - 1;
    memcpy(copy, cmdline, len);
    copy[len] = '\0';

    bool first = true, after_dashes = false;
    char *p = copy;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (!*p)
            break;
        char *word = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';

        if (after_dashes) {
            if (opt->init_argc < CMDLINE_MAX_ARGS)
                opt->init_argv[opt->init_argc++] = word;
        } else if (!strcmp(word, "--")) {
            after_dashes = true;
        } else if (!(first && !strchr(word, '=') && strcmp(word, "quiet"))) {
            parse_option(word, opt);
        }
        first = false;
    }
}
