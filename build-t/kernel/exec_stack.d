build-t/kernel/exec_stack.o: kernel/exec_stack.c kernel/exec_stack.h \
 kernel/errno.h kernel/string.h mm/layout.h
kernel/exec_stack.h:
kernel/errno.h:
kernel/string.h:
mm/layout.h:
