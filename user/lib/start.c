/* start.c: the C half of program start-up. crt0.asm calls __libc_start with the
 * argc, argv and envp the kernel laid out on the stack; we publish environ and
 * run main, and main's return value becomes the exit status (stdio is flushed). */
#include <stdlib.h>
#include <unistd.h>

char **environ;

int main(int argc, char **argv, char **envp);
void __libc_start(int argc, char **argv, char **envp) __attribute__((noreturn));

void __libc_start(int argc, char **argv, char **envp)
{
	environ = envp;
	exit(main(argc, argv, envp));
}
