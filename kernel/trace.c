/* trace.c: the names of the trace classes (`trace=fault,swap,...`). The
 * trace lines themselves are printed by trace_print in printk.c. */
#include "kernel/printk.h"
#include "kernel/string.h"

static const char *const trace_names[] = {
    "fault", "swap", "cow", "exec", "fork", "syscall",
};
#define NTRACE (sizeof trace_names / sizeof trace_names[0])

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
