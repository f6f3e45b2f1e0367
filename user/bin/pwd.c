/* pwd: prints the working directory (the one the shell's cd set). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char dir[256];

	if (!getcwd(dir, sizeof dir)) {
		perror("pwd");
		return 1;
	}
	printf("%s\n", dir);
	return 0;
}
