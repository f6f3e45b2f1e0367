/* needbad.c: a program linked against libbad.so, whose copy in the stock
 * initrd has a broken program header: ld.so must stop with its own message
 * and status 127 before main, and the kernel must not mind. */
#include <stdio.h>

int libbad_answer(void);

int main(void)
{
    printf("needbad: libbad_answer() = %d\n", libbad_answer());
    return 0;
}
