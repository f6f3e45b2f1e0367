/* test_seqbuf.c: the growing text buffer /proc prints into
 * (kernel/fs/seqbuf.c): prints that grow it past its first allocation, Linux's
 * seq_pad column rule (maps' names at column 49), running out of memory
 * remembered and not fatal, and every byte returned by seqbuf_free. */
#include "kernel/fs/seqbuf.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "unit.h"

#define MiB (1u << 20)
#define SIM_BYTES (4 * MiB)

static uint32_t frames_at_start;

/* Simulated memory and a frame allocator, once; kmalloc over them. */
static void setup(void)
{
    static struct boot_info bi;
    if (frames_at_start)
        return;
    unit_sim_memory(SIM_BYTES);
    bi.ram[0].base = MiB;
    bi.ram[0].end = SIM_BYTES;
    bi.nram = 1;
    frame_init(&bi, 0, 0);
    frames_at_start = frame_free_count();
}

/* The leak check: no live kmalloc object. */
static int heap_is_empty(void)
{
    struct kmalloc_stats st;
    kmalloc_get_stats(&st);
    return st.used_bytes == 0;
}

static void prints_append(void)
{
    setup();
    struct seqbuf s = SEQBUF_INIT;
    seqbuf_printf(&s, "MemTotal:%*u kB\n", 15, 130496u);
    seqbuf_printf(&s, "%s %d\n", "pgfault", 42);
    CHECK_STR(s.buf, "MemTotal:         130496 kB\npgfault 42\n");
    CHECK(s.len == strlen(s.buf) && !s.overflow);
    seqbuf_free(&s);
    CHECK(s.buf == NULL && s.len == 0 && heap_is_empty());
}

static void grows_past_first_allocation(void)
{
    setup();
    struct seqbuf s = SEQBUF_INIT;
    for (int i = 0; i < 1000; i++)
        seqbuf_printf(&s, "%08x-%08x\n", (unsigned)i, (unsigned)i + 1);
    CHECK(!s.overflow && s.len == 1000 * 18 && s.cap > s.len);
    CHECK(strncmp(s.buf + 999 * 18, "000003e7-000003e8\n", 18) == 0 && s.buf[s.len] == '\0');
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    seqbuf_printf(&s, "%s", big);                   /* one print larger than the rest */
    CHECK(!s.overflow && s.len == 1000 * 18 + 2999 && s.buf[s.len - 1] == 'x');
    seqbuf_free(&s);
    CHECK(heap_is_empty());
}

static void pad_to_column(void)
{
    setup();
    struct seqbuf s = SEQBUF_INIT;
    seqbuf_printf(&s, "first line\n08048000-08049000 r-xp 00000000 00:01 6 ");
    seqbuf_pad(&s, 48, ' ');
    seqbuf_printf(&s, "/bin/sh\n");
    const char *line = strchr(s.buf, '\n') + 1;
    CHECK(strlen(line) == 49 + 8 && line[47] == ' ' && line[48] == ' ' && line[49] == '/');
    seqbuf_free(&s);

    /* A line already past the width gets just the one character. */
    seqbuf_printf(&s, "%060d", 0);
    seqbuf_pad(&s, 48, ' ');
    CHECK(s.len == 61 && s.buf[60] == ' ');
    seqbuf_pad(&s, 70, 0);                          /* no character, spaces only */
    CHECK(s.len == 70 && s.buf[70] == '\0');
    seqbuf_free(&s);
    CHECK(heap_is_empty());
}

static void out_of_memory_is_remembered(void)
{
    setup();
    static struct page *held[SIM_BYTES / PAGE_SIZE];
    uint32_t n = 0;
    struct seqbuf s = SEQBUF_INIT;
    seqbuf_printf(&s, "kept\n");
    while ((held[n] = frame_alloc()))
        n++;
    char big[3000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    seqbuf_printf(&s, "%s", big);                   /* needs a run of frames: none left */
    CHECK(s.overflow && s.len == 5 && strcmp(s.buf, "kept\n") == 0);
    seqbuf_printf(&s, "x");                         /* fits, but the text is already cut */
    seqbuf_pad(&s, 40, ' ');
    CHECK(s.len == 5);
    while (n > 0)
        frame_free(held[--n]);
    seqbuf_free(&s);
    CHECK(!s.overflow && heap_is_empty());
}

static const struct unit_case cases[] = {
    { "prints_append", prints_append },
    { "grows_past_first_allocation", grows_past_first_allocation },
    { "pad_to_column", pad_to_column },
    { "out_of_memory_is_remembered", out_of_memory_is_remembered },
};

UNIT_SUITE(cases)
