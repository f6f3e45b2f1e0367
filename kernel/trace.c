/* trace.c: the trace classes (`trace=fault,swap,...`): their names, and
 * the commands that /proc/trace takes to switch them at run time
 * ("fault,cow", "+swap", "-fault", "none", "all"). The switch itself is
 * trace_mask and the lines are printed by trace_print, both in printk.c;
 * the file is kernel/fs/procfs.c's. */
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/string.h"

static const char *const trace_names[] = {
    "fault", "swap", "cow", "exec", "fork", "syscall",
};
#define NTRACE (sizeof trace_names / sizeof trace_names[0])
_Static_assert(NTRACE == TRACE_CLASSES, "one name per trace class");

unsigned trace_class_from_name(const char *name, int len)
{
    for (unsigned i = 0; i < NTRACE; i++)
        if ((int)strlen(trace_names[i]) == len && !strncmp(trace_names[i], name, len))
            return 1u << i;
    return 0;
}

const char *trace_class_name(enum trace_class cls)
{
    unsigned bit = (unsigned)__builtin_ctz((unsigned)cls);
    return bit < NTRACE ? trace_names[bit] : "?";
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* The bits the comma-separated names of list[0..len) stand for (classes,
 * `all`, `none`) in *bits: 0, or -EINVAL for an unknown or empty name. */
static int list_bits(const char *list, int len, unsigned *bits)
{
    *bits = 0;
    for (int i = 0; i <= len; ) {
        int end = i;
        while (end < len && list[end] != ',')
            end++;
        unsigned b = trace_class_from_name(list + i, end - i);
        if (end - i == 3 && !strncmp(list + i, "all", 3))
            b = TRACE_ALL;
        else if (end - i == 4 && !strncmp(list + i, "none", 4))
            b = 0;
        else if (!b)
            return -EINVAL;
        *bits |= b;
        i = end + 1;
    }
    return 0;
}

int trace_mask_parse(const char *text, int len, unsigned *mask)
{
    unsigned next = *mask;
    int words = 0, replaced = 0;
    for (int i = 0; i < len; ) {
        if (is_blank(text[i])) {
            i++;
            continue;
        }
        char sign = (text[i] == '+' || text[i] == '-') ? text[i++] : 0;
        int start = i;
        while (i < len && !is_blank(text[i]))
            i++;
        unsigned bits;
        if (list_bits(text + start, i - start, &bits) < 0)
            return -EINVAL;
        if (sign == '+') {
            next |= bits;
        } else if (sign == '-') {
            next &= ~bits;
        } else {
            next = (replaced ? next : 0) | bits;    /* the bare words are the set */
            replaced = 1;
        }
        words++;
    }
    if (!words)
        return -EINVAL;
    *mask = next;
    return 0;
}
