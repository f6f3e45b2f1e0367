build-t/kernel/x86/timer.o: kernel/x86/timer.c kernel/x86/timer.h \
 kernel/x86/pic.h kernel/sched.h kernel/x86/x86.h
kernel/x86/timer.h:
kernel/x86/pic.h:
kernel/sched.h:
kernel/x86/x86.h:
