/* sh: the shell. Reads a line, splits it into words (blanks separate them;
 * "double quotes" keep blanks inside a word) and operators, and runs it:
 *
 *   a | b | c        a pipeline: each command's output is the next one's input
 *   cmd < f          input from f;  > f  output to f (made or emptied);
 *   cmd >> f         output appended to f;  2> f  errors to f;
 *   cmd 2>&1         errors to wherever output goes now
 *   a ; b            a, then b;  a && b  b only if a succeeded (exit 0)
 *
 * A command is a builtin (`exit [N]`, `cd [DIR]`: the shell's own working
 * directory, $HOME without DIR) or /bin/WORD (WORD itself
 * if it contains a '/') run in a child; the shell waits for the whole
 * pipeline, and reports the last command's "[exit N]" or "[signal N: NAME]".
 * Usage: sh (read stdin, prompt "$ ") or sh -c "command line". */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LINE  512
#define MAX_WORDS 64
#define MAX_CMDS  8

/* The operators, as the tokenizer marks them (one object each, compared by
 * address; the \1 tells them from words, which never start with it). */
static const char OP_PIPE[] = "\1|", OP_SEMI[] = "\1;", OP_AND[] = "\1&&", OP_IN[] = "\1<",
		  OP_OUT[] = "\1>", OP_APPEND[] = "\1>>", OP_ERR[] = "\1" "2>",
		  OP_ERROUT[] = "\1" "2>&1";

/* One command of a pipeline: its words and where its 0, 1, 2 go. */
struct command {
	char *argv[MAX_WORDS];
	int argc;
	const char *in, *out, *err;     /* files, or NULL */
	int append;                     /* >> rather than > */
	int err_to_out;                 /* 2>&1 */
};

/* The tokens of the line: operators are the OP_* constants, words are copies. */
static char *tokens[MAX_WORDS];
static int ntokens;

/* operator: the operator that starts at p, or NULL; *len gets its length. */
static const char *operator(const char *p, int *len)
{
	static const struct { const char *text, *token; } ops[] = {
		{ "2>&1", OP_ERROUT }, { "&&", OP_AND }, { ">>", OP_APPEND }, { "2>", OP_ERR },
		{ "|", OP_PIPE }, { ";", OP_SEMI }, { "<", OP_IN }, { ">", OP_OUT },
	};
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		*len = (int)strlen(ops[i].text);
		if (!strncmp(p, ops[i].text, *len))
			return ops[i].token;
	}
	return NULL;
}

/* tokenize: splits line into words and operators (tokens[]); the words
 * are copied, without their quote marks, into words[]. "2>" counts as an
 * operator only at the start of a word. Returns the count, or -1 after
 * printing why. */
static int tokenize(const char *line)
{
	static char words[2 * MAX_LINE];
	const char *in = line;
	char *out = words;
	int quoted, len;

	ntokens = 0;
	for (;;) {
		while (*in == ' ' || *in == '\t' || *in == '\n')
			in++;
		if (*in == '\0')
			break;
		if (ntokens == MAX_WORDS - 1) {
			fprintf(stderr, "sh: too many words\n");
			return -1;
		}
		const char *op = operator(in, &len);
		if (op) {
			tokens[ntokens++] = (char *)op;
			in += len;
			continue;
		}
		tokens[ntokens++] = out;
		for (quoted = 0; *in; in++) {
			if (*in == '"') {
				quoted = !quoted;
				continue;
			}
			if (!quoted && (strchr(" \t\n|;<>", *in) || (*in == '&' && in[1] == '&')))
				break;
			*out++ = *in;
		}
		*out++ = '\0';
		if (quoted) {
			fprintf(stderr, "sh: unterminated quote\n");
			return -1;
		}
	}
	tokens[ntokens] = NULL;
	return ntokens;
}

static int is_op(const char *t)
{
	return t && t[0] == '\1';
}

/* parse_command: the command at tokens[*at] up to the next |, ; or &&:
 * its words and redirections. Returns 0, or -1 after printing why. */
static int parse_command(int *at, struct command *c)
{
	memset(c, 0, sizeof(*c));
	while (*at < ntokens) {
		char *t = tokens[*at];
		if (t == (char *)OP_PIPE || t == (char *)OP_SEMI || t == (char *)OP_AND)
			break;
		(*at)++;
		if (!is_op(t)) {
			c->argv[c->argc++] = t;
			continue;
		}
		if (t == (char *)OP_ERROUT) {
			c->err_to_out = 1;
			continue;
		}
		char *file = tokens[*at];
		if (!file || is_op(file)) {
			fprintf(stderr, "sh: %s: a file name must follow\n", t + 1);
			return -1;
		}
		(*at)++;
		if (t == (char *)OP_IN)
			c->in = file;
		else if (t == (char *)OP_ERR)
			c->err = file;
		else {
			c->out = file;
			c->append = t == (char *)OP_APPEND;
		}
	}
	c->argv[c->argc] = NULL;
	if (c->argc == 0) {
		fprintf(stderr, "sh: syntax error: a command is missing\n");
		return -1;
	}
	return 0;
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

/* redirect: opens path with flags as descriptor fd (in the child). Exits 1
 * after printing why if it cannot. */
static void redirect(const char *path, int flags, int fd)
{
	int got = open(path, flags, 0644);
	if (got < 0) {
		fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
		_exit(1);
	}
	if (got != fd) {
		dup2(got, fd);
		close(got);
	}
}

/* exec_command: in the child: the redirections of c, then the program. */
static void exec_command(struct command *c)
{
	char path[MAX_LINE + 8];

	if (c->in)
		redirect(c->in, O_RDONLY, 0);
	if (c->out)
		redirect(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC), 1);
	if (c->err)
		redirect(c->err, O_WRONLY | O_CREAT | O_TRUNC, 2);
	if (c->err_to_out)
		dup2(1, 2);
	if (strchr(c->argv[0], '/'))
		snprintf(path, sizeof(path), "%s", c->argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", c->argv[0]);
	execve(path, c->argv, environ);
	fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
	_exit(127);
}

/* builtin: runs exit or cd (a pipeline of one command only); returns its
 * status, or -1 when c is not a builtin. */
static int builtin(struct command *c)
{
	if (strcmp(c->argv[0], "exit") == 0)
		exit(c->argc > 1 ? atoi(c->argv[1]) : 0);
	if (strcmp(c->argv[0], "cd") == 0) {
		const char *dir = c->argc > 1 ? c->argv[1] : getenv("HOME");
		if (!dir)
			dir = "/";
		if (chdir(dir) < 0) {
			fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
			return 1;
		}
		return 0;
	}
	return -1;
}

/* run_pipeline: runs the n commands, each child's output piped into the
 * next one's input; waits for all. Returns the last one's status. */
static int run_pipeline(struct command *cmds, int n)
{
	pid_t pids[MAX_CMDS];
	int in = -1, status = 0, last = 255;

	if (n == 1 && (status = builtin(&cmds[0])) >= 0)
		return status;
	fflush(NULL);                   /* or the children would inherit unwritten output */
	for (int i = 0; i < n; i++) {
		int p[2] = { -1, -1 };
		if (i + 1 < n && pipe(p) < 0) {
			perror("sh: pipe");
			n = i;
			break;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (p[1] >= 0) {
				dup2(p[1], 1);
				close(p[1]);
				close(p[0]);
			}
			exec_command(&cmds[i]);
		}
		if (pids[i] < 0)
			perror("sh: fork");
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
	}
	for (int i = 0; i < n; i++) {
		pid_t done;
		if (pids[i] < 0)
			continue;
		do
			done = wait4(pids[i], &status, 0, NULL);
		while (done < 0 && errno == EINTR);
		if (i == n - 1)
			last = done < 0 ? 255 : report(status);
	}
	return last;
}

/* run_line: runs one command line; returns the status of what ran last (0
 * for an empty line or a comment, 2 for a line that does not parse). */
static int run_line(char *line)
{
	struct command cmds[MAX_CMDS];
	int status = 0, at = 0, skip = 0;

	if (tokenize(line) < 0)
		return 2;
	if (ntokens == 0 || tokens[0][0] == '#')
		return 0;
	while (at < ntokens) {
		int n = 0;
		for (;;) {
			if (n == MAX_CMDS) {
				fprintf(stderr, "sh: pipeline too long\n");
				return 2;
			}
			if (parse_command(&at, &cmds[n++]) < 0)
				return 2;
			if (at < ntokens && tokens[at] == (char *)OP_PIPE) {
				at++;
				continue;
			}
			break;
		}
		if (!skip)
			status = run_pipeline(cmds, n);
		/* After `a && b`, b runs only if a succeeded; `;` runs what follows. */
		const char *sep = at < ntokens ? tokens[at++] : NULL;
		skip = sep == (char *)OP_AND && (skip || status != 0);
	}
	return status;
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
