/* test_swap_map.c: swap slot bookkeeping (mm/swap_map.c): reserved and
 * bad slots, allocation, per-PTE references, the swap cache's hold on a
 * slot and on its frame, trimming, and runs of consecutive slots. */
#include "mm/frame.h"
#include "mm/swap_map.h"
#include "unit.h"

#define SIM_BYTES (4u << 20)

/* Fresh frames and a swap area of n slots with the given bad ones. */
static void setup(uint32_t n, const uint32_t *bad, uint32_t nbad)
{
    static void *mem;
    static struct boot_info bi;
    swap_map_init(0, 0, 0);             /* frees the previous case's arrays */
    if (!mem)
        mem = unit_sim_memory(SIM_BYTES);
    memset(&bi, 0, sizeof bi);
    bi.ram[0] = (struct mem_region){ 1u << 20, SIM_BYTES };
    bi.nram = 1;
    frame_init(&bi, 0, 0);
    CHECK(swap_map_init(n, bad, nbad) == 0);
}

static void header_and_bad_slots_never_used(void)
{
    static const uint32_t bad[] = { 3, 5 };
    setup(8, bad, 2);
    CHECK(swap_slots_total() == 5 && swap_slots_free() == 5);   /* 1 2 4 6 7 */
    for (int i = 0; i < 5; i++) {
        uint32_t slot = swap_slot_alloc();
        CHECK(slot != 0 && slot != 3 && slot != 5);
        swap_entry_dup(slot);
    }
    CHECK(swap_slot_alloc() == 0 && swap_slots_free() == 0);
    CHECK_PANICS(swap_entry_dup(3), "bad swap slot");
    CHECK_PANICS(swap_entry_put(0), "bad swap slot");
}

static void references_free_the_slot_at_zero(void)
{
    setup(4, 0, 0);
    uint32_t slot = swap_slot_alloc();
    swap_entry_dup(slot);
    swap_entry_dup(slot);               /* fork: two PTEs hold it */
    CHECK(swap_entry_count(slot) == 2 && swap_slots_free() == 2);
    swap_entry_put(slot);
    CHECK(swap_slots_free() == 2);
    swap_entry_put(slot);
    CHECK(swap_entry_count(slot) == 0 && swap_slots_free() == 3);
    CHECK_PANICS(swap_entry_put(slot), "no reference");
}

static void cache_holds_slot_and_frame(void)
{
    setup(4, 0, 0);
    uint32_t slot = swap_slot_alloc();
    struct page *pg = frame_alloc();
    swap_cache_add(slot, pg);
    CHECK(pg->count == 2 && (pg->flags & PG_SWAPCACHE) && pg->index == slot);
    CHECK(swap_cache_find(slot) == pg && swap_slots_free() == 2);
    CHECK(swap_slot_alloc() != slot);   /* cached: not free */
    swap_entry_dup(slot);
    swap_entry_put(slot);               /* last PTE gone: the cache lets go */
    CHECK(swap_cache_find(slot) == 0 && pg->count == 1 && !(pg->flags & PG_SWAPCACHE));
    CHECK(swap_slots_free() == 3);
    frame_free(pg);
}

static void locked_frame_is_not_trimmed(void)
{
    setup(4, 0, 0);
    uint32_t slot = swap_slot_alloc();
    struct page *pg = frame_alloc();
    swap_cache_add(slot, pg);
    pg->flags |= PG_LOCKED;             /* I/O in progress */
    swap_entry_dup(slot);
    swap_entry_put(slot);
    CHECK(swap_cache_find(slot) == pg);
    pg->flags &= ~PG_LOCKED;
    swap_cache_trim(pg);                /* what the I/O's end does */
    CHECK(swap_cache_find(slot) == 0 && swap_slots_free() == 3);
    frame_free(pg);
}

static void runs_of_consecutive_slots(void)
{
    static const uint32_t bad[] = { 6 };
    setup(16, bad, 1);
    uint32_t got = 0;
    uint32_t first = swap_slot_alloc_run(4, &got);
    CHECK(first >= 1 && got == 4);
    for (uint32_t s = first; s < first + got; s++) {
        CHECK(s != 6 && swap_slot_is_free(s));
        swap_entry_dup(s);
    }
    /* Fill all but a gap of two, then ask for eight: the longest run. */
    uint32_t slot;
    while ((slot = swap_slot_alloc()) != 0)
        swap_entry_dup(slot);
    swap_entry_put(10);
    swap_entry_put(11);
    first = swap_slot_alloc_run(8, &got);
    CHECK(first == 10 && got == 2);
}

/* A deterministic pseudo-random number below n. */
static uint32_t rnd(uint32_t n)
{
    static uint32_t x = 12345;
    x = x * 1103515245u + 12345u;
    return (x >> 8) % n;
}

/* A 70%-full map fragmented by random frees (and a few cached frames and
 * bad slots): every slot handed out, alone or in a run, is free and
 * usable, and the free count is the number of free slots there are. */
static void fragmented_map_never_hands_out_a_used_slot(void)
{
    enum { N = 1024 };
    static const uint32_t bad[] = { 17, 18, 500, 1023 };
    static uint8_t used[N];
    static struct page *held[64];
    setup(N, bad, 4);
    memset(used, 0, sizeof used);
    used[0] = used[17] = used[18] = used[500] = used[1023] = 1;
    uint32_t nheld = 0;
    for (int round = 0; round < 4000; round++) {
        uint32_t s = 1 + rnd(N - 1);
        if (used[s] == 1 && s != 17 && s != 18 && s != 500 && s != 1023) {
            swap_entry_put(s);          /* a PTE lets go */
            used[s] = 0;
        } else if (!used[s] && nheld < 64 && rnd(8) == 0) {
            held[nheld] = frame_alloc();
            swap_cache_add(s, held[nheld++]);
            used[s] = 2;                /* the swap cache holds it */
        }
        uint32_t got = 0, first = rnd(2) ? swap_slot_alloc_run(16, &got) : swap_slot_alloc();
        got = got ? got : first != 0;
        CHECK(got <= 16 && (first == 0 || first / 16 == (first + got - 1) / 16));
        for (uint32_t i = 0; i < got; i++) {
            CHECK(!used[first + i] && swap_slot_is_free(first + i));
            if (rnd(10) < 7) {          /* keep it ~70% full */
                swap_entry_dup(first + i);
                used[first + i] = 1;
            }
        }
        uint32_t nfree = 0;
        for (uint32_t i = 0; i < N; i++)
            nfree += !used[i];
        CHECK(swap_slots_free() == nfree);
    }
    for (uint32_t i = 0; i < nheld; i++) {
        uint32_t s = held[i]->index;
        swap_cache_remove(held[i]);
        frame_free(held[i]);
        used[s] = 0;
    }
}

/* Runs come whole from a wholly free cluster when there is one, however
 * many fragmented clusters come before it; single slots come from the
 * fullest cluster, keeping whole ones whole; a full map gives 0. */
static void clusters_keep_runs_findable(void)
{
    setup(64, 0, 0);                    /* clusters [0,16) [16,32) [32,48) [48,64) */
    for (uint32_t s = 1; s < 48; s++)
        if (s % 5)
            swap_entry_dup(s);          /* the first three clusters fragmented */
    uint32_t got = 0;
    CHECK(swap_slot_alloc_run(16, &got) == 48 && got == 16);
    CHECK(swap_slot_alloc_run(4, &got) == 48 && got == 4);
    uint32_t one = swap_slot_alloc();
    CHECK(one != 0 && one < 48 && one % 5 == 0);
    for (uint32_t s = 1; s < 64; s++)
        if (swap_slot_is_free(s))
            swap_entry_dup(s);
    CHECK(swap_slots_free() == 0);
    CHECK(swap_slot_alloc() == 0 && swap_slot_alloc_run(16, &got) == 0 && got == 0);
    swap_entry_put(33);
    CHECK(swap_slot_alloc() == 33 && swap_slot_alloc_run(16, &got) == 33 && got == 1);
}

static const struct unit_case cases[] = {
    { "fragmented_map_never_hands_out_a_used_slot", fragmented_map_never_hands_out_a_used_slot },
    { "clusters_keep_runs_findable", clusters_keep_runs_findable },
    { "header_and_bad_slots_never_used", header_and_bad_slots_never_used },
    { "references_free_the_slot_at_zero", references_free_the_slot_at_zero },
    { "cache_holds_slot_and_frame", cache_holds_slot_and_frame },
    { "locked_frame_is_not_trimmed", locked_frame_is_not_trimmed },
    { "runs_of_consecutive_slots", runs_of_consecutive_slots },
};
UNIT_SUITE(cases)
