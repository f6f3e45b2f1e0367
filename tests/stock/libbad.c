/* libbad.c: a one-function shared library. The stock initrd carries it
 * with a broken program header (tools/mkbaddyn.py), so that the dynamic
 * linker, not the kernel, must refuse it. */
int libbad_answer(void)
{
    return 42;
}
