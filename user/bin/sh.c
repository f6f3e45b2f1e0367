/* sh: the shell. Reads a line, splits it into words (blanks separate them;
 * "double quotes" keep blanks inside a word), and runs it: the builtins `exit [N]`
 * and `cd [DIR]` (to $HOME without DIR), or /bin/WORD (WORD itself if it contains a '/') in a child, which it waits for.
 * Reports "[exit N]" for a non-zero exit and "[signal N: NAME]" for a killing signal.
 * Usage: sh (read stdin, prompt "$ ") or sh -c "command line". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LINE  512
#define MAX_WORDS 32

/* split_words: splits line in place into at most MAX_WORDS-1 words, stored in
 * words[] with a NULL after the last. Returns the count, or -1 after printing why. */
static int split_words(char *line, char **words)
{
	char *in = line, *out;
	int n = 0, quoted;

	for (;;) {
		while (*in == ' ' || *in == '\t' || *in == '\n')
			in++;
		if (*in == '\0')
			break;
		if (n == MAX_WORDS - 1) {
			fprintf(stderr, "sh: too many words\n");
			return -1;
		}
		/* Copy the word onto itself, dropping quote marks: out never passes in. */
		words[n++] = out = in;
		for (quoted = 0; *in && (quoted || (*in != ' ' && *in != '\t' && *in != '\n')); in++)
			if (*in == '"')
				quoted = !quoted;
			else
				*out++ = *in;
		if (quoted) {
			fprintf(stderr, "sh: unterminated quote\n");
			return -1;
		}
		if (*in)
			in++;            /* step over the blank before ending the word on it */
		*out = '\0';
	}
	words[n] = NULL;
	return n;
}

/* report: turns a wait status into a shell status (the exit code, or 128 plus
 * the signal number) and prints "[exit N]" or "[signal N: NAME]" unless it is 0. */
static int report(int status)
{
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) != 0)
			fprintf(stderr, "[exit %d]\n", WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
	if (WIFSIGNALED(status)) {
		const char *name = signal_name(WTERMSIG(status));
		fprintf(stderr, "[signal %d: %s]\n", WTERMSIG(status), name ? name : "unknown");
		return 128 + WTERMSIG(status);
	}
	return 255;
}

/* run_command: forks; the child execs the program words[0] names, with the
 * words as its arguments and our environment. Waits for it; returns its status. */
static int run_command(char **words)
{
	char path[MAX_LINE + 8];
	int status;
	pid_t pid, done;

	if (strchr(words[0], '/'))
		snprintf(path, sizeof(path), "%s", words[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", words[0]);

	fflush(NULL);                   /* or the child would inherit unwritten output */
	pid = fork();
	if (pid < 0) {
		perror("sh: fork");
		return 255;
	}
	if (pid == 0) {
		execve(path, words, environ);
		fprintf(stderr, "sh: %s: %s\n", words[0], strerror(errno));
		_exit(127);
	}
	do
		done = wait4(pid, &status, 0, NULL);
	while (done < 0 && errno == EINTR);
	if (done < 0) {
		perror("sh: wait4");
		return 255;
	}
	return report(status);
}

/* change_dir: the builtin cd: the shell's own working directory changes (a
 * child could not change its parent's), and the commands it runs inherit it.
 * Returns 0, or 1 with a message. */
static int change_dir(const char *dir)
{
	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

/* run_line: runs one command line; returns its status (0 for an empty line or
 * a comment, 2 for a line that does not parse). `exit [N]` exits with N (0). */
static int run_line(char *line)
{
	char *words[MAX_WORDS];
	int n = split_words(line, words);

	if (n < 0)
		return 2;
	if (n == 0 || words[0][0] == '#')
		return 0;
	if (strcmp(words[0], "exit") == 0)
		exit(n > 1 ? atoi(words[1]) : 0);
	if (strcmp(words[0], "cd") == 0)
		return change_dir(n > 1 ? words[1] : getenv("HOME"));
	return run_command(words);
}

int main(int argc, char **argv)
{
	char line[MAX_LINE];

	if (argc == 3 && strcmp(argv[1], "-c") == 0)
		return run_line(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: sh [-c command]\n");
		return 2;
	}
	for (;;) {
		printf("$ ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 0;
		if (!strchr(line, '\n') && strlen(line) == sizeof(line) - 1) {
			int c;
			while ((c = getchar()) != '\n' && c != EOF)
				;
			fprintf(stderr, "sh: line too long\n");
			continue;
		}
		run_line(line);
	}
}
