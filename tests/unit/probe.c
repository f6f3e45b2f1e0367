/* probe.c: the smallest i386 program. tests/run.py runs it once to learn
 * whether this host executes i386 programs itself or needs qemu-i386. */
int main(void) { return 0; }
