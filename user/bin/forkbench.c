/* forkbench.c: what fork costs. Prints the cycles (rdtsc) of one
 * fork + exit + wait for a process with 1 MiB and with 64 MiB of touched
 * heap, with a child that exits at once and with a child that writes every
 * page (so every page is copied on write). A benchmark, not a test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 5

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t measure(char *heap, size_t bytes, int child_writes)
{
    uint64_t total = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        pid_t pid = fork();
        if (pid == 0) {
            if (child_writes)
                for (size_t off = 0; off < bytes; off += 4096)
                    heap[off] = (char)r;
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        total += rdtsc() - t0;
    }
    return total / ROUNDS;
}

int main(void)
{
    static const size_t sizes[] = { 1u << 20, 64u << 20 };
    for (int i = 0; i < 2; i++) {
        char *heap = malloc(sizes[i]);
        if (!heap) {
            printf("forkbench: cannot allocate %zu MiB\n", sizes[i] >> 20);
            return 1;
        }
        memset(heap, 1, sizes[i]);
        uint64_t idle = measure(heap, sizes[i], 0);
        uint64_t writes = measure(heap, sizes[i], 1);
        printf("forkbench: %2zu MiB touched: fork+exit+wait %llu cycles; "
               "child writing every page %llu cycles (%llu per page)\n",
               sizes[i] >> 20, (unsigned long long)idle, (unsigned long long)writes,
               (unsigned long long)((writes - idle) / (sizes[i] >> 12)));
        free(heap);
    }
    return 0;
}
