/* cowdemo: shows copy-on-write after fork. Parent and child see one global
 * variable at the same virtual address; the child changes it, and the parent's
 * value stays as it was: after fork the two shared the page read-only, and the
 * child's write faulted and gave the child its own copy of the page. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int shared_value = 1;          /* initialised: lives in the data segment */

int main(void)
{
	int status;
	pid_t pid;

	printf("cowdemo: shared_value = %d at 0x%08lx before fork\n", shared_value,
	       (unsigned long)&shared_value);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("cowdemo: fork");
		return 1;
	}
	if (pid == 0) {
		shared_value = 2;
		printf("child:   wrote 2; shared_value = %d at 0x%08lx\n", shared_value,
		       (unsigned long)&shared_value);
		return 0;
	}
	if (wait4(pid, &status, 0, NULL) < 0) {
		perror("cowdemo: wait4");
		return 1;
	}
	printf("parent:  child done; shared_value = %d at 0x%08lx\n", shared_value,
	       (unsigned long)&shared_value);
	printf("cowdemo: same virtual address, different values: the child's write\n"
	       "         went to its own copy of the page (copy-on-write)\n");
	return shared_value == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
