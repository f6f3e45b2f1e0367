/* random.c: getrandom(2). A simple generator, not a cryptographic one:
 * a 64-bit state stirred with the TSC and the PIT's counter at every
 * call (the exact cycle a program asks at is hard to predict), stepped
 * by a Weyl sequence and put through the SplitMix64 finaliser. Good for
 * hash seeds, stack canaries of a teaching system and tests; it must not
 * be mistaken for Linux's entropy pool. It never blocks, so GRND_RANDOM
 * and GRND_NONBLOCK change nothing. */
#include "kernel/random.h"
#include "kernel/errno.h"
#include "kernel/x86/x86.h"
#include "mm/uaccess.h"

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#define MAX_COUNT 33554431u     /* Linux's most bytes per call */
#define PIT_CH0 0x40
#define PIT_CMD 0x43

static uint64_t state;

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Channel 0's current count (latched): where the PIT is within a tick. */
static uint16_t pit_count(void)
{
    int on = irq_save();
    outb(PIT_CMD, 0x00);
    uint16_t lo = inb(PIT_CH0);
    uint16_t hi = inb(PIT_CH0);
    irq_restore(on);
    return (uint16_t)(hi << 8 | lo);
}

/* Stirs the TSC and the PIT into the state. */
static void stir(void)
{
    state = mix(state ^ rdtsc() ^ ((uint64_t)pit_count() << 48));
}

uint64_t random_u64(void)
{
    state += 0x9e3779b97f4a7c15ull;
    return mix(state);
}

long sys_getrandom(void *ubuf, uint32_t count, uint32_t flags)
{
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if ((flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if (count > MAX_COUNT)
        count = MAX_COUNT;
    if (!user_range_ok((uint32_t)ubuf, count))
        return -EFAULT;
    stir();
    uint32_t done = 0;
    while (done < count) {
        uint64_t block[32];
        for (int i = 0; i < 32; i++)
            block[i] = random_u64();
        uint32_t n = count - done < sizeof block ? count - done : sizeof block;
        if (copy_to_user((char *)ubuf + done, block, n) < 0)
            return done ? (long)done : -EFAULT;
        done += n;
    }
    return (long)done;
}
